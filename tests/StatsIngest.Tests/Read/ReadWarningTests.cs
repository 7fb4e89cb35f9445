using System.Text;
using StatsIngest.Cli;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>What a reader works around is said, at its cell, in validate and in the 来源 sheet: never silence.</summary>
public class ReadWarningTests
{
    private const string Header = "period,region,indicator,industry,basis,measure,value,unit,status\n";

    /// <summary>`statsingest validate` of one file: its exit code and what it printed.</summary>
    internal static (int Code, string Out) Validate(string path)
    {
        var output = new StringWriter();
        var code = StatsIngestCli.Run(["validate", path], output, new StringWriter());
        return (code, output.ToString());
    }

    /// <summary>The observation lines of validate's output (each with its cell), the sheet's name taken out when given (to compare a file with its twin in another format).</summary>
    internal static string[] Observations(string output, string? sheet = null) =>
        output.Split('\n').Where(l => l.Contains(" ← ", StringComparison.Ordinal))
            .Select(l => sheet is null ? l : l.Replace($"{sheet}!", "!", StringComparison.Ordinal)).ToArray();

    /// <summary>The observation lines, each trimmed and its spacing made single ("GDP.全国._T.A.L 2021 101 亿元 A ← 表1!F2 '101'").</summary>
    internal static string[] ObservationsSpaced(string output) =>
        Observations(output).Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"\s+", " ")).ToArray();

    [Fact]
    public void A_footnote_mark_after_a_value_is_left_out_of_it_with_a_warning_at_its_cell_not_read_as_a_digit()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("marks.csv");
        File.WriteAllText(csv, Header + "2021,全国,GDP,,year,level,1149237①,亿元,final\n2021,全国,规上工业增加值,,year,yoy,9.6²,%,final\n");

        var (code, output) = Validate(csv);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains(Observations(output), l => l.Contains(" 1149237 ", StringComparison.Ordinal) && l.EndsWith("CSV!G2 '1149237①'", StringComparison.Ordinal));
        Assert.Contains(Observations(output), l => l.Contains(" 9.6 ", StringComparison.Ordinal) && l.EndsWith("CSV!G3 '9.6²'", StringComparison.Ordinal));
        Assert.Contains("(cell G2): The mark '①' after the number 1149237 is taken as a footnote mark and left out of the value.", output, StringComparison.Ordinal);
        Assert.Contains("数字 9.6 后的“²”视为注释标记，未计入数值。", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Excel_error_values_in_a_csv_and_in_a_workbook_are_stored_as_missing_with_a_warning_at_their_cell()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("errors.csv");
        File.WriteAllText(csv, Header + "2021,全国,GDP,,year,level,#DIV/0!,亿元,final\n2021,全国,全部工业增加值,,year,level,#N/A,亿元,final\n");
        var xlsx = tmp.File("errors.xlsx");
        HostileFiles.Xlsx(xlsx, HostileFiles.ValidTable().Replace(HostileFiles.Number("B3", 5.8), """<c r="B3" t="e"><f>B9/B10</f><v>#DIV/0!</v></c>""", StringComparison.Ordinal));

        var (csvCode, csvOut) = Validate(csv);
        var (xlsxCode, xlsxOut) = Validate(xlsx);

        Assert.Equal(StatsIngestCli.Ok, csvCode);
        Assert.Contains("warning: sheet 'CSV', row 2, column G (cell G2): This cell holds the Excel error value #DIV/0!", csvOut, StringComparison.Ordinal);
        Assert.Contains("row 3, column G (cell G3): This cell holds the Excel error value #N/A", csvOut, StringComparison.Ordinal);
        Assert.Equal(StatsIngestCli.Ok, xlsxCode);
        Assert.Contains("warning: sheet '表1', row 3, column B (cell B3): This cell holds the Excel error value #DIV/0!", xlsxOut, StringComparison.Ordinal);
        Assert.Contains("(missing)", xlsxOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_label_are_removed_and_said_and_the_label_then_maps()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("controls.csv");
        File.WriteAllText(csv, Header + "2021,全\u0001国\u0000,GDP,,year,level,1143670,亿元,final\n", new UTF8Encoding(true));

        var (code, output) = Validate(csv);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("row 2, column B (cell B2): Control characters (U+0001 U+0000) were removed from this cell; it is read as '全国'.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not in config/codelists/regions.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_header_is_said_and_only_the_first_column_is_read()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("repeated.csv");
        File.WriteAllText(csv, "period,region,indicator,industry,basis,measure,value,unit,status,数值\n2021,全国,GDP,,year,level,1143670,亿元,final,999\n");

        var (code, output) = Validate(csv);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("row 1, column J (cell J1): This header names the same canonical column as column G ('value'); only the first is read", output, StringComparison.Ordinal);
        Assert.Contains("1143670", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  999 ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Latin1_file_is_not_read_as_GB18030_and_a_real_GBK_file_still_is()
    {
        using var tmp = new TempFolder();
        var latin = tmp.File("latin.csv");
        File.WriteAllBytes(latin, Encoding.Latin1.GetBytes(Header + "2021,Zürich Région,GDP,,year,level,1,,final\n"));

        var (_, latinOut) = Validate(latin);
        var (_, gbkOut) = Validate(Fixtures.Path("canonical_gb18030_no_bom.csv"));

        Assert.Contains("encoding Windows-1252", latinOut, StringComparison.Ordinal);
        Assert.Contains("read as GB18030 it gives rare characters", latinOut, StringComparison.Ordinal);
        Assert.Contains("Zürich", latinOut, StringComparison.Ordinal);
        Assert.Contains("encoding GB18030", gbkOut, StringComparison.Ordinal);
        Assert.DoesNotContain("rare characters", gbkOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16LE (no BOM)")]
    [InlineData("utf-16BE", "UTF-16BE (no BOM)")]
    public void A_UTF16_file_without_its_mark_is_read_with_a_warning_not_refused_as_binary(string encoding, string said)
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("utf16.csv");
        File.WriteAllBytes(csv, Encoding.GetEncoding(encoding).GetBytes(Header + "2021,全国,GDP,,year,level,1143670,亿元,final\n"));

        var (code, output) = Validate(csv);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("encoding " + said, output, StringComparison.Ordinal);
        Assert.Contains("This file is UTF-16 without a byte order mark", output, StringComparison.Ordinal);
        Assert.Contains("GDP.全国._T.A.L", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_valid_in_no_encoding_are_said_at_their_cell()
    {
        using var tmp = new TempFolder();
        var broken = tmp.File("broken.csv");
        var gbk = CodePagesEncoding().GetBytes(Header + "2021,全国,GDP,,year,level,1,亿元,final\n");
        File.WriteAllBytes(broken, [.. gbk, .. "2021,"u8.ToArray(), 0xFF, 0xFF, .. ",GDP,,year,level,2,亿元,final\n"u8.ToArray()]);

        var (_, output) = Validate(broken);

        Assert.Contains("valid neither in UTF-8 nor in GB18030", output, StringComparison.Ordinal);
        Assert.Contains("row 3, column B (cell B3): This cell holds bytes that could not be decoded", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_that_looks_like_a_formula_is_refused_at_its_cell()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("formula.csv");
        File.WriteAllText(csv, Header + "2021,全国,GDP,,year,yoy,8.1,=1+1,final\n2021,全国,GDP,,year,level,1,@SUM(A1),final\n");

        var (code, output) = Validate(csv);

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("ERROR: sheet 'CSV', row 2, column H (cell H2): Expected a unit ('亿元', '万元', %, …); this looks like a formula and is not read. Found: '=1+1'.", output, StringComparison.Ordinal);
        Assert.Contains("row 3, column H (cell H3): Expected a unit", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warnings_are_in_the_sources_sheet_of_the_workbook()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("errors.csv");
        File.WriteAllText(csv, Header + "2021,全\u0001国,GDP,,year,level,#DIV/0!,亿元,final\n2021,全国,全部工业增加值,,year,level,372575,亿元,final\n");
        var data = tmp.File("data");

        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["ingest", csv, "--data", data], new StringWriter(), new StringWriter()));

        var sources = new WorkbookContent(Path.Combine(data, "out", "latest.xlsx")).Rows(SummaryWorkbookWriter.SourcesSheet);
        var warnings = Assert.Single(sources.SelectMany(r => r).OfType<string>(), c => c.Contains("Excel 错误值", StringComparison.Ordinal));
        Assert.Contains("控制字符（U+0001）", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_bad_file_gets_a_short_report_that_says_how_many_problems_it_left_out()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("big_bad.csv");
        var rows = Enumerable.Range(0, 90_000).Select(i => $"2021,全国,GDP,,year,level,not-a-number-{i},亿元,final\n");
        File.WriteAllText(csv, Header + string.Concat(rows));
        Assert.True(new FileInfo(csv).Length > 5_000_000);

        Assert.Equal(StatsIngestCli.FileProblems, StatsIngestCli.Run(["ingest", csv, "--data", tmp.File("data")], new StringWriter(), new StringWriter()));

        var report = new FileInfo(tmp.File("data/quarantine/big_bad.csv.error.txt"));
        Assert.InRange(report.Length, 1_000, 300_000);
        Assert.Matches(@"… and \d+ more", File.ReadAllText(report.FullName));
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
