using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A sheet the workbook hides is not what its publisher shows: the workbooks (made with openpyxl, saved by LibreOffice as
/// .xlsx and .xls) show one table and hide the lists behind a drop-down and a draft of the same table with another value.
/// The draft made the file's one value conflict, quarantining it, without saying the sheet was hidden (and a draft of
/// other periods would have been stored as published). Now the hidden sheets are not read, each said.
/// </summary>
public class HiddenSheetTests
{
    [Theory]
    [InlineData("hidden_sheets.xlsx")]
    [InlineData("hidden_sheets_legacy.xls")]
    public void A_hidden_sheet_is_not_read_and_that_is_said(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(["GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F2 '1204724'"], ReadWarningTests.ObservationsSpaced(output));
        Assert.Contains("warning: sheet '下拉列表': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
        Assert.Contains("warning: sheet '草稿': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
        Assert.Contains("工作表“草稿”：此工作表在工作簿中被隐藏，未读取", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_sheet_of_an_excel_2003_xml_spreadsheet_is_not_read_though_it_says_so_after_its_table()
    {
        // Excel writes a sheet's visibility in its WorksheetOptions, after the sheet's table: the draft was read.
        using var tmp = new TempFolder();
        var path = tmp.File("隐藏.xls");
        static string Sheet(string name, string value, string visible) => $"""
             <Worksheet ss:Name="{name}"><Table>
              <Row><Cell><Data ss:Type="String">period</Data></Cell><Cell><Data ss:Type="String">region</Data></Cell><Cell><Data ss:Type="String">indicator</Data></Cell><Cell><Data ss:Type="String">basis</Data></Cell><Cell><Data ss:Type="String">measure</Data></Cell><Cell><Data ss:Type="String">value</Data></Cell><Cell><Data ss:Type="String">unit</Data></Cell></Row>
              <Row><Cell><Data ss:Type="String">2022</Data></Cell><Cell><Data ss:Type="String">全国</Data></Cell><Cell><Data ss:Type="String">GDP</Data></Cell><Cell><Data ss:Type="String">year</Data></Cell><Cell><Data ss:Type="String">level</Data></Cell><Cell><Data ss:Type="Number">{value}</Data></Cell><Cell><Data ss:Type="String">亿元</Data></Cell></Row>
             </Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">{visible}<Selected/></WorksheetOptions></Worksheet>
            """;
        File.WriteAllText(path, $"""
            <?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">
            {Sheet("草稿", "1200000", "<Visible>SheetHidden</Visible>")}
            {Sheet("数据", "1204724", "")}
            {Sheet("旧稿", "1100000", "<x:Visible>SheetVeryHidden</x:Visible>")}
            </Workbook>
            """);

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(["GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F2 '1204724'"], ReadWarningTests.ObservationsSpaced(output));
        Assert.Contains("warning: sheet '草稿': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
        Assert.Contains("warning: sheet '旧稿': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A hidden row or column is read — a filter hides rows of the published table, and an office hides columns it does
    /// not print — but said, since it may hold a draft: the 2024 row hidden here was stored as published without a word.
    /// </summary>
    [Theory]
    [InlineData("hidden_rows.xlsx")]
    [InlineData("hidden_rows_legacy.xls")]
    public void A_hidden_row_or_column_holding_values_is_read_and_said(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(3, ReadWarningTests.ObservationsSpaced(output).Length);
        Assert.Contains("warning: sheet '数据': Hidden in the workbook, and read as the others: row 4, column H.", output, StringComparison.Ordinal);
        Assert.Contains("以下行列在工作簿中被隐藏，已与其他行列一样读取：第 4 行、H 列。", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_row_or_column_of_an_excel_2003_xml_spreadsheet_is_read_and_said()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("隐藏行.xls");
        static string Row(string attributes, params string[] cells) =>
            $"<Row{attributes}>" + string.Concat(cells.Select(c => double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? $"<Cell><Data ss:Type=\"Number\">{c}</Data></Cell>" : $"<Cell><Data ss:Type=\"String\">{c}</Data></Cell>")) + "</Row>";
        File.WriteAllText(path, $"""
            <?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <Worksheet ss:Name="数据"><Table>
              <Column ss:Width="60"/><Column ss:Index="8" ss:Hidden="1" ss:Span="1"/>
              {Row("", "period", "region", "indicator", "basis", "measure", "value", "unit", "note", "memo")}
              {Row("", "2022", "全国", "GDP", "year", "level", "1204724", "亿元", "核实数", "x")}
              {Row(" ss:Hidden=\"1\"", "2024", "全国", "GDP", "year", "level", "1300000", "亿元")}
             </Table></Worksheet>
            </Workbook>
            """);

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(2, ReadWarningTests.ObservationsSpaced(output).Length);
        Assert.Contains("warning: sheet '数据': Hidden in the workbook, and read as the others: row 3, column H, column I.", output, StringComparison.Ordinal);
    }
}
