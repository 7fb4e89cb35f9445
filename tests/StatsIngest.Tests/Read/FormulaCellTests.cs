using StatsIngest.Cli;
using StatsIngest.Parsing;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A workbook written by a program that does not calculate (openpyxl, many exporters) holds formulas without their
/// values: the cell reader gives such a cell as empty, and it was stored as missing, silently. Now the cell is given as
/// its formula and refused at its cell, saying to open and save the file where formulas are calculated; the same
/// workbook saved by LibreOffice (values computed) is read. A formula's empty text (t="str"), a formula shared from
/// another cell, and a data validation's formula after the sheet's data are told apart.
/// </summary>
public class FormulaCellTests
{
    private static ValueParser Values => Tables.Lexicon.Words.Values;

    /// <summary>An office's own marker of an unpublished figure, added to the "values" words, is read as missing, not refused.</summary>
    [Fact]
    public void A_missing_marker_added_to_the_vocabulary_reads_as_missing()
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();
        var csv = tmp.File("growth_2023-06.csv");
        File.WriteAllText(csv, "湖北省规模以上工业增加值增速\n单位：%\n指标,2023年5月,2023年6月\n规模以上工业增加值,5.0,未公布\n");
        var before = Validate(root, csv);
        Assert.Contains("ERROR: sheet 'CSV', row 4, column C (cell C4): Expected a number", before, StringComparison.Ordinal);

        var vocabulary = Path.Combine(root, "config", "codelists", "vocabulary.json");
        File.WriteAllText(vocabulary, File.ReadAllText(vocabulary).Replace("\"missing\": [ ", "\"missing\": [ \"未公布\", ", StringComparison.Ordinal));
        var after = Validate(root, csv);

        Assert.DoesNotContain("ERROR", after, StringComparison.Ordinal);
        Assert.Matches(@"IVA_ABOVE\.湖北省\._T\.M\.YOY +2023-06 .* M +← CSV!C4 '未公布'", after);

        static string Validate(string contentRoot, string file)
        {
            var stdout = new StringWriter();
            StatsIngestCli.Run(["validate", file], stdout, stdout, contentRoot);
            return stdout.ToString();
        }
    }

    private const string Said = "This cell holds the formula =1000000+149237 but not its value: the file was written by a program that does not calculate formulas.";

    [Fact]
    public void A_formula_never_computed_is_refused_at_its_cell_saying_to_save_the_file_where_formulas_are_calculated()
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("formulas_uncomputed.xlsx"));

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains($"sheet '数据', row 2, column F (cell F2): {Said}", output, StringComparison.Ordinal);
        Assert.Contains("此单元格含有公式 =1000000+149237，但没有它的计算结果", output, StringComparison.Ordinal);
        Assert.Contains("row 4, column H (cell H4): Expected a status", output, StringComparison.Ordinal);
        Assert.Contains("Found: '=IF(F4>0,\"final\",\"missing\")'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("(missing)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_that_asks_to_be_calculated_on_opening_has_its_formulas_zeros_refused_not_stored()
    {
        // XlsxWriter writes <v>0</v> for every formula and asks Excel to calculate them when the file is opened
        // (calcPr fullCalcOnLoad): read as written, GDP 2021 and the 2024 sum were stored as 0.
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("formulas_xlsxwriter.xlsx"));

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains($"sheet '数据', row 2, column F (cell F2): {Said}", output, StringComparison.Ordinal);
        Assert.Contains("row 5, column F (cell F5): This cell holds the formula =SUM(F2:F4) but not its value", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 亿元", output, StringComparison.Ordinal);
        Assert.Equal(["GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F3 '1204724'", "GDP.全国._T.A.L 2023 1260582 亿元 A ← 数据!F4 '1260582'"],
            ReadWarningTests.ObservationsSpaced(output));
    }

    [Fact]
    public void The_same_workbook_saved_by_libreoffice_is_read_with_the_formulas_values()
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("formulas_computed.xlsx"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(
            ["GDP.全国._T.A.L 2021 1149237 亿元 A ← 数据!F2 '1149237'", "GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F3 '1204724'", "GDP.全国._T.A.L 2023 1260582 亿元 A ← 数据!F4 '1260582'"],
            ReadWarningTests.ObservationsSpaced(output));
    }

    [Fact]
    public void An_empty_text_result_a_shared_formula_and_a_validation_formula_are_told_apart()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("公式.xlsx");
        var header = string.Concat(new[] { "period", "region", "indicator", "basis", "measure", "value", "unit", "status" }
            .Select((h, i) => HostileFiles.Text($"{(char)('A' + i)}1", h)));
        string Row(int r, string value) =>
            $"""<row r="{r}">{HostileFiles.Text($"A{r}", (2019 + r).ToString(System.Globalization.CultureInfo.InvariantCulture))}{HostileFiles.Text($"B{r}", "全国")}{HostileFiles.Text($"C{r}", "GDP")}{HostileFiles.Text($"D{r}", "year")}{HostileFiles.Text($"E{r}", "level")}{value}{HostileFiles.Text($"G{r}", "亿元")}{HostileFiles.Text($"H{r}", "final")}</row>""";
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData>
            <row r="1">{header}</row>
            {Row(2, """<c r="F2"><f>100+1</f><v>101</v></c>""")}
            {Row(3, """<c r="F3"><f t="shared" ref="F3:F4" si="0">F2*2</f><v>202</v></c>""")}
            {Row(4, """<c r="F4"><f t="shared" si="0"/></c>""")}
            {Row(5, """<c r="F5" t="str"><f>IF(F2&gt;1000,1,"")</f><v></v></c>""")}
            </sheetData><extLst><ext uri="urn:x14-data-validations"><x14:dataValidations xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>Sheet2!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>F5</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>
            """;
        HostileFiles.Xlsx(path, "", wholeSheet: sheet);

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("row 4, column F (cell F4): This cell holds the formula =… but not its value", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.Contains("ERROR:", StringComparison.Ordinal));
        Assert.Equal(["GDP.全国._T.A.L 2021 101 亿元 A ← 表1!F2 '101'", "GDP.全国._T.A.L 2022 202 亿元 A ← 表1!F3 '202'", "GDP.全国._T.A.L 2024 (missing) 亿元 M ← 表1!F5 ''"],
            ReadWarningTests.ObservationsSpaced(output));
    }

    [Theory]
    [InlineData("=A1+B1")]
    [InlineData(" =SUM(F2:F9) ")]
    public void A_formula_as_text_is_no_value(string text)
    {
        var value = Values.Parse(text);

        Assert.False(value.IsValid);
        Assert.Equal(text.Trim(), value.Formula);
    }
}
