using System.Net;
using System.Text;
using StatsIngest.Cli;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A web page saved under an Excel name — what many portals' "导出Excel" gives — is read as Excel opens it: its tables on
/// one sheet, spans as merged ranges, the caption and headings above, the notes below; what it holds is stored as from a
/// workbook.
/// </summary>
public class HtmlTableTests
{
    [Theory]
    [InlineData("layouts/nbs_monthly_2023-12.xlsx")]
    [InlineData("layouts/province_industry_2022-06.xlsx")]
    [InlineData("layouts/yearbook_gdp_2019-2022.xlsx")]
    public void A_published_table_exported_as_a_web_page_gives_the_observations_of_its_workbook_at_the_same_cells(string fixture)
    {
        using var tmp = new TempFolder();
        var workbook = Fixtures.Path(fixture);
        var grid = ExcelGridReader.Read(workbook);
        Assert.Single(grid.Sheets);
        var page = tmp.File("导出.xls");
        File.WriteAllText(page, Page(grid.Sheets[0]), Encoding.UTF8);

        var (expectedCode, expected) = ReadWarningTests.Validate(workbook);
        var (code, output) = ReadWarningTests.Validate(page);

        Assert.Equal(StatsIngestCli.Ok, expectedCode);
        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.NotEmpty(ReadWarningTests.Observations(expected, grid.Sheets[0].Name));
        Assert.Equal(ReadWarningTests.Observations(expected, grid.Sheets[0].Name), ReadWarningTests.Observations(output, HtmlGridReader.SheetName));
        Assert.Contains("This file is a web page (HTML) saved with an Excel name", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gb18030_page_with_headings_a_caption_spans_and_two_tables_is_laid_out_as_excel_opens_it()
    {
        using var tmp = new TempFolder();
        var page = tmp.File("地区生产总值.xls");
        const string html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>导出</title></head><body>
            <h2>2021年 地区生产总值</h2>
            <table border="1"><caption>单位：亿元</caption>
              <tr><th rowspan="2">地区</th><th colspan="2">2021年</th></tr>
              <tr><th>GDP</th><th>全部工业增加值</th></tr>
              <tr><td>全国&nbsp;</td><td>1,149,237</td><td>374,546</td></tr>
              <tr><td>广东省</td><td>124,369.7</td><td><table><tr><td>nested</td></tr></table>45,142.9</td></tr>
            </table>
            <p>注：数据为初步核算数。</p>
            <table><caption> </caption><tr><td>第二张表</td></tr></table>
            </body></html>
            """;
        File.WriteAllBytes(page, Encoding.GetEncoding("GB18030").GetBytes(html));

        var sheet = GridReader.Read(page).Sheets.Single();

        Assert.Equal(HtmlGridReader.SheetName, sheet.Name);
        string? At(string reference) => sheet.Rows.SelectMany(r => r).FirstOrDefault(c => c.Reference == reference)?.Text;
        Assert.Equal("2021年 地区生产总值", At("A1"));
        Assert.Equal("单位：亿元", At("A2"));
        Assert.Equal(("地区", "2021年", "GDP", "全部工业增加值"), (At("A3"), At("B3"), At("B4"), At("C4")));
        Assert.Equal(("全国", "1,149,237", "nested45,142.9"), (At("A5"), At("B5"), At("C6")));
        Assert.Equal("注：数据为初步核算数。", At("A7")); // the paragraph after a table: its note, below it
        Assert.Empty(sheet.Rows[7]); // an empty row between two tables
        Assert.Equal("第二张表", At("A9")); // an empty caption adds no row
        Assert.DoesNotContain(sheet.Rows.SelectMany(r => r), c => c.Text.Length == 0);
        Assert.Contains(new MergedRange(3, 1, 4, 1), sheet.Merges);
        Assert.Contains(new MergedRange(3, 2, 3, 3), sheet.Merges);
    }

    [Fact]
    public void A_web_page_past_its_size_limit_or_wider_than_excel_is_refused_naming_it()
    {
        using var tmp = new TempFolder();
        var page = tmp.File("大.xls");
        File.WriteAllText(page, "<table>" + string.Concat(Enumerable.Repeat("<tr><td>1</td></tr>", 80_000)) + "</table>");

        var output = new StringWriter();
        var code = StatsIngestCli.Run(["validate", page, "--Limits:MaxHtmlMegabytes=1"], output, new StringWriter());

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("more than 1 MB (Limits:MaxHtmlMegabytes)", output.ToString(), StringComparison.Ordinal);

        var wide = tmp.File("宽.xls");
        File.WriteAllText(wide, "<table><tr>" + string.Concat(Enumerable.Repeat("""<td colspan="1000">x</td>""", 20)) + "</tr></table>");
        var (wideCode, wideOutput) = ReadWarningTests.Validate(wide);
        Assert.Equal(StatsIngestCli.FileProblems, wideCode);
        Assert.Contains("The web page's table is wider than Excel's 16384 columns, at row 1", wideOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_nested_past_what_its_parser_takes_in_time_is_refused_and_a_sloppy_long_table_is_not()
    {
        using var tmp = new TempFolder();
        var deep = tmp.File("deep.xls");
        File.WriteAllText(deep, "<table><tr><td>" + string.Concat(Enumerable.Repeat("<div>", 600)) + "1" + "</td></tr></table>");
        var sloppy = tmp.File("sloppy.xls");
        File.WriteAllText(sloppy, "<table><tr><td>地区<td>数值" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"<tr><td><b><font color=red>地区{i}<td><span>{i}</span>")) + "</table>");

        var (code, output) = ReadWarningTests.Validate(deep);
        var rows = GridReader.Read(sloppy).Sheets.Single().Rows;

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("The web page nests its elements more than 500 deep", output, StringComparison.Ordinal);
        Assert.Equal(5001, rows.Count);
        Assert.Equal(("地区5000", "5000"), (rows[^1][0].Text, rows[^1][1].Text));
    }

    /// <summary>A sheet as a portal exports it: one table, every row and column from A1, a merged range a cell with its spans.</summary>
    private static string Page(RawSheet sheet)
    {
        var cells = sheet.Rows.SelectMany(r => r).ToDictionary(c => (c.Row, c.Column), c => c.Text);
        var rows = cells.Keys.Max(k => k.Row);
        var columns = cells.Keys.Max(k => k.Column);
        var covered = sheet.Merges.SelectMany(m => Enumerable.Range(m.FromRow, m.ToRow - m.FromRow + 1)
            .SelectMany(r => Enumerable.Range(m.FromColumn, m.ToColumn - m.FromColumn + 1).Select(c => (r, c))).Skip(1)).ToHashSet();
        var html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body><table border=\"1\">\n");
        for (var r = 1; r <= rows; r++)
        {
            html.Append("<tr>");
            for (var c = 1; c <= columns; c++)
            {
                if (covered.Contains((r, c)))
                {
                    continue;
                }

                var merge = sheet.Merges.FirstOrDefault(m => m.FromRow == r && m.FromColumn == c);
                var spans = merge is null ? string.Empty : $" rowspan=\"{merge.ToRow - merge.FromRow + 1}\" colspan=\"{merge.ToColumn - merge.FromColumn + 1}\"";
                html.Append($"<td{spans}>{WebUtility.HtmlEncode(cells.GetValueOrDefault((r, c), string.Empty))}</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</table></body></html>").ToString();
    }
}
