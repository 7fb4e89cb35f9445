using System.Globalization;
using ClosedXML.Excel;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// The one-pass .xlsx reader (<see cref="XlsxCellReader"/>) against ExcelDataReader, the reader it replaced: the same
/// sheets, rows, cells (position, text, typed value), merged ranges and warnings, on every workbook of the suite and on
/// workbooks made to hold what a sheet's XML can hold.
/// </summary>
public class XlsxCellReaderTests
{
    public static TheoryData<string> Workbooks()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { Path.Combine(AppContext.BaseDirectory, "Fixtures"), Path.Combine(AppContext.BaseDirectory, "samples") })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Reads_every_workbook_of_the_suite_as_ExcelDataReader_does(string workbook) =>
        AssertSameAsExcelDataReader(Path.Combine(AppContext.BaseDirectory, workbook));

    [Fact]
    public void Reads_what_a_sheets_xml_can_hold_as_ExcelDataReader_does()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("quirks.xlsx");
        HostileFiles.Xlsx(path, string.Empty, sharedStrings: """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
            <si><t>规模以上工业增加值</t></si>
            <si><r><rPr><b/><sz val="11"/></rPr><t>增加值</t></r><r><t xml:space="preserve"> 增速 </t></r><r><t>  </t></r><rPh sb="0" eb="3"><t>ぞうかち</t></rPh><phoneticPr fontId="1"/></si>
            <si><t>第一行&#13;&#10;第二行
            第三行 &amp; &lt;注&gt;</t></si>
            <si><t>带_x000D_转义_x005F_x0041_</t></si>
            <si/>
            </sst>
            """, wholeSheet: """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <cols><col min="3" max="3" width="0" customWidth="1"/><col min="4" max="4" width="9" hidden="1"/></cols>
            <sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>
            <row r="3" hidden="1"><c r="A3"><v>1.5E3</v></c><c><v>-0.25</v></c><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="str"><f>A1</f><v>公式文本</v></c></row>
            <row r="4"><c r="A4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B4"><f>SUM(A3:A3)</f><v></v></c><c r="C4" t="inlineStr"><is><r><t>内联</t></r><r><t xml:space="preserve"> 文本</t></r></is></c><c r="F4" t="inlineStr"><is><t>  </t></is></c></row>
            <row r="6" customHeight="1" ht="0"><c r="B6"><v>12345678901234567</v></c><c r="C6"><v>0.1</v></c><c r="AB6" t="inlineStr"><is><t>远处</t></is></c></row>
            <row r="7"><c r="A7" t="s"><v>99</v></c><c r="B7"><v>not a number</v></c><c r="E7"><v>5</v></c><c r="D7"><v>4</v></c><c r="E7"><v>6</v></c></row>
            </sheetData>
            <mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C6:D7"/></mergeCells>
            <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>
            </worksheet>
            """);

        AssertSameAsExcelDataReader(path);
    }

    /// <summary>A sheet written with a namespace prefix (the Open XML SDK's <c>x:</c>) and without row and cell references, as some writers make them.</summary>
    [Fact]
    public void Reads_a_prefixed_sheet_without_references_as_ExcelDataReader_does()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("prefixed.xlsx");
        HostileFiles.Xlsx(path, string.Empty, wholeSheet: """
            <?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row><x:c t="inlineStr"><x:is><x:t>地区</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>增速</x:t></x:is></x:c></x:row>
            <x:row><x:c t="inlineStr"><x:is><x:t>广东省</x:t></x:is></x:c><x:c><x:v>4.4</x:v></x:c></x:row>
            <x:row r="5"><x:c r="B5"><x:v>-1</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """);

        AssertSameAsExcelDataReader(path);
        Assert.Equal("B5", ExcelGridReader.Read(path).Sheets[0].Rows[4].Single().Reference);
    }

    [Fact]
    public void Reads_dates_percents_and_scaled_numbers_as_ExcelDataReader_does()
    {
        using var tmp = new TempFolder();
        AssertSameAsExcelDataReader(Formats(tmp.File("formats.xlsx")));
    }

    /// <summary>The workbook of formats saved again by LibreOffice (another writer's XML: its styles, its shared strings, its row attributes).</summary>
    [Fact]
    public void Reads_a_workbook_LibreOffice_saved_as_ExcelDataReader_does()
    {
        var soffice = ExternalTool.Which("soffice") ?? ExternalTool.Which("libreoffice");
        if (soffice is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_LIBREOFFICE") != "1",
                "LibreOffice (soffice) is required here: apt-get install libreoffice-calc-nogui fonts-noto-cjk");
            return;
        }

        using var tmp = new TempFolder();
        var made = Formats(tmp.File("formats.xlsx"));
        var outDir = tmp.File("saved");
        var (code, stdout, stderr) = ExternalTool.Run(soffice, [$"-env:UserInstallation=file://{tmp.File("profile")}", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, made]);
        Assert.True(code == 0, $"soffice exited {code}: {stdout} {stderr}");

        var saved = Path.Combine(outDir, "formats.xlsx");
        AssertSameAsExcelDataReader(saved);
        Assert.Equal("2023-03", ExcelGridReader.Read(saved).Sheets[0].Cell(1, 1)!.Text);
    }

    private static string Formats(string path)
    {
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("格式");
            ws.Cell(1, 1).SetValue(new DateTime(2023, 3, 1));
            ws.Cell(1, 1).Style.NumberFormat.Format = "yyyy\"年\"m\"月\"";
            ws.Cell(1, 2).SetValue(new DateTime(1900, 1, 15));
            ws.Cell(1, 3).SetValue(new DateTime(2023, 12, 31, 13, 30, 0));
            ws.Cell(1, 4).SetValue(45000.5);
            ws.Cell(1, 4).Style.NumberFormat.NumberFormatId = 22;
            ws.Cell(2, 1).SetValue(0.058);
            ws.Cell(2, 1).Style.NumberFormat.NumberFormatId = 10;
            ws.Cell(2, 2).SetValue(1234567);
            ws.Cell(2, 2).Style.NumberFormat.Format = "#,##0,";
            ws.Cell(2, 3).SetValue(2023.1);
            ws.Cell(2, 3).Style.NumberFormat.Format = "0.00";
            ws.Cell(2, 4).SetValue(12345);
            ws.Cell(2, 4).Style.NumberFormat.Format = "0!.0000";
            ws.Cell(3, 1).SetValue(true);
            ws.Cell(3, 2).SetValue("  左右有空格  ");
            ws.Cell(3, 3).FormulaA1 = "B2*2";
            ws.Cell(4, 1).SetValue(2023);
            ws.Cell(4, 1).Style.NumberFormat.Format = "@";
            ws.Range("A5:C5").Merge().SetValue("合并");
            wb.Worksheets.Add("空表");
            wb.Worksheets.Add("藏表").Hide();
            wb.SaveAs(path);
        }

        return path;
    }

    /// <summary>Workbooks of random cells (seeded): texts with markup, line breaks, escapes, control and astral characters; numbers, dates, booleans, formats; merges, hidden rows and columns.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_random_workbooks_as_ExcelDataReader_does(int seed)
    {
        using var tmp = new TempFolder();
        var path = tmp.File($"random_{seed}.xlsx");
        var random = new Random(seed);
        string[] texts = ["规模以上工业增加值", "a & b < c > d \"e\" 'f'", "第一行\r\n第二行\n第三行", "_x000D_ 字面", "带\u0001控制符", "𠀀𪚥 astral", "  前后空格  ", "=不是公式", "12.50", "2023年3月"];
        string[] formats = ["General", "0.0%", "#,##0,", "0.00", "yyyy\"年\"m\"月\"", "m\"月\"", "yyyy-mm-dd hh:mm", "@", "0!.0000", "[Red]0.0;(0.0)"];
        using (var wb = new XLWorkbook())
        {
            foreach (var s in Enumerable.Range(1, 2))
            {
                var ws = wb.Worksheets.Add($"表{s}");
                for (var i = 0; i < 300; i++)
                {
                    var cell = ws.Cell(random.Next(1, 60), random.Next(1, 12));
                    switch (random.Next(6))
                    {
                        case 0 or 1:
                            cell.SetValue(texts[random.Next(texts.Length)]);
                            break;
                        case 2:
                            cell.SetValue(Math.Round((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-4, 12)), random.Next(0, 8)));
                            break;
                        case 3:
                            cell.SetValue(new DateTime(1900, 1, 1).AddDays(random.Next(0, 50_000)).AddMinutes(random.Next(2) * random.Next(1440)));
                            break;
                        case 4:
                            cell.SetValue(random.Next(2) == 0);
                            break;
                        default:
                            cell.FormulaA1 = "ROW()*2";
                            break;
                    }

                    cell.Style.NumberFormat.Format = formats[random.Next(formats.Length)];
                }

                ws.Row(random.Next(1, 60)).Hide();
                ws.Column(random.Next(1, 12)).Hide();
                ws.Range(61, 1, 62, 3).Merge().SetValue("合并");
            }

            wb.SaveAs(path);
        }

        AssertSameAsExcelDataReader(path);
    }

    [Fact]
    public void A_number_under_a_chinese_built_in_date_format_is_the_month_it_shows()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("builtin_month.xlsx");
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("表1");
            ws.Cell(1, 1).SetValue(new DateTime(2023, 3, 1));
            ws.Cell(1, 1).Style.NumberFormat.NumberFormatId = 57; // yyyy"年"m"月" in a Chinese Excel
            wb.SaveAs(path);
        }

        var cell = ExcelGridReader.Read(path).Sheets[0].Cell(1, 1)!;

        Assert.Equal("2023-03", cell.Text);
        Assert.Equal(new DateTime(2023, 3, 1), cell.Value);
    }

    [Fact]
    public void A_sheet_past_a_limit_is_refused_while_it_is_read_with_the_inspections_message()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("wide.xlsx");
        HostileFiles.Xlsx(path, string.Concat(Enumerable.Range(1, 50).Select(r => $"""<row r="{r}">{HostileFiles.Number($"A{r}", r)}{HostileFiles.Number($"B{r}", r)}</row>""")));

        var ex = Assert.Throws<GridReadException>(() => ExcelGridReader.Read(path, limits: new ReadLimits { MaxCellsPerSheet = 99 }));

        Assert.Contains("more than 99 cells (Limits:MaxCellsPerSheet)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(100, ExcelGridReader.Read(path, limits: new ReadLimits { MaxCellsPerSheet = 100 }).Sheets[0].Rows.Sum(r => r.Count));
    }

    /// <summary>A stopped reading (the file's deadline, the service stopping) stops a sheet whose rows skip every multiple of 1024.</summary>
    [Fact]
    public void A_cancelled_reading_stops_whatever_the_sheets_row_numbers()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("odd_rows.xlsx");
        HostileFiles.Xlsx(path, string.Concat(Enumerable.Range(0, 5000).Select(i => $"""<row r="{(2 * i) + 1}">{HostileFiles.Number($"A{(2 * i) + 1}", i)}</row>""")));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ExcelGridReader.Read(path, cancel: cancelled.Token));
        Assert.Equal(9999, ExcelGridReader.Read(path).Sheets[0].Rows.Count);
    }

    [Fact]
    public void A_package_without_a_workbook_part_is_refused_naming_what_it_holds()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("sheet_only.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            sheet.Write("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>""");
        }

        var ex = Assert.Throws<GridReadException>(() => ExcelGridReader.Read(path));

        Assert.Contains("no workbook part (xl/workbook.xml); it holds xl/worksheets/sheet1.xml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_cut_short_is_refused_not_read_in_part()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("cut.xlsx");
        HostileFiles.Xlsx(path, string.Empty, wholeSheet: $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{HostileFiles.ValidTable()}<row r="5"><c r="A5"><v>1""");

        var ex = Assert.Throws<GridReadException>(() => ExcelGridReader.Read(path));

        Assert.Contains("The part xl/worksheets/sheet1.xml of the workbook is not well-formed XML (the part ends inside 5 element(s) not closed)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_parts_where_the_relationships_say_without_regard_to_case()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("odd_parts.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            Part(zip, "_rels/.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/></Relationships>""");
            Part(zip, "book/main.xml", """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="数据" sheetId="1" r:id="s1"/></sheets></workbook>""");
            Part(zip, "book/_rels/main.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./sheets/../Sheets/One.XML"/><Relationship Id="s2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="text.xml"/><Relationship Id="s3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="look.xml"/></Relationships>""");
            Part(zip, "book/text.xml", """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>工业增加值</t></si></sst>""");
            Part(zip, "book/look.xml", """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>""");
            Part(zip, "book/sheets/one.xml", """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>43890</v></c><c r="C1" s="0"><v>0.5</v></c></row></sheetData></worksheet>""");
        }

        var sheet = ExcelGridReader.Read(path).Sheets.Single();

        Assert.Equal("数据", sheet.Name);
        Assert.Equal(["工业增加值", "2024-03", "0.5"], sheet.Rows[0].Select(c => c.Text));
        Assert.Equal(new DateTime(2024, 3, 1), sheet.Rows[0][1].Value); // serial 43890 in the 1904 date system
    }

    private static void Part(System.IO.Compression.ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(xml);
    }

    private static void AssertSameAsExcelDataReader(string path)
    {
        var expected = ExcelGridReader.Read(path, excelDataReader: true);
        var actual = ExcelGridReader.Read(path);

        Assert.Equal(expected.Sheets.Select(s => s.Name), actual.Sheets.Select(s => s.Name));
        foreach (var (want, got) in expected.Sheets.Zip(actual.Sheets))
        {
            Assert.Equal(string.Join("\n", Describe(want)), string.Join("\n", Describe(got)));
            Assert.Equal(want.Merges.Select(m => m.ToString()), got.Merges.Select(m => m.ToString()));
        }

        Assert.Equal(expected.Warnings.Select(w => w.ToString()), actual.Warnings.Select(w => w.ToString()));
    }

    /// <summary>A sheet's rows, one line a row: its number, then each cell's reference, text and typed value.</summary>
    private static List<string> Describe(RawSheet sheet) =>
        [.. sheet.Rows.Select((row, i) => (i + 1).ToString(CultureInfo.InvariantCulture) + ": " + string.Join(" | ", row.Select(c =>
            $"{c.Reference} '{c.Text}' {c.Value?.GetType().Name}:{Convert.ToString(c.Value, CultureInfo.InvariantCulture)}")))];
}
