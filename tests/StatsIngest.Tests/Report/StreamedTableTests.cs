using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// A large table's rows are written after ClosedXML saved the workbook (the streaming pass): a second reader finds
/// every value, Excel's schema accepts the sheet, and the looks ClosedXML would have given are there.
/// </summary>
public class StreamedTableTests
{
    private const string LongText = "来源文件 2023年12月规模以上工业增加值主要数据（按行业分）.xlsx 的说明文字很长很长，需要在单元格中换行显示才能读完";

    [Fact]
    public void A_streamed_table_reads_back_with_its_values_formats_and_wrapping_beside_cells_closedxml_wrote()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("streamed.xlsx");
        TableSheet table;
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("数据");
            table = new TableSheet(ws, 1, ["文本", "数值", "整数", "说明"], streamed: true);
            table.AddRow("控制\u0001字符", new NumberCell(12345.678, NumberCell.Money), 7L, LongText);
            table.AddRow(" 前后空格\n换行 ", new NumberCell(null, NumberCell.Percent), 8, "_x0041_ 不是转义");
            table.AddRow("😀 surrogate pair", new NumberCell(double.NaN, NumberCell.Percent), null, string.Empty);
            table.Finish();
            ws.Cell(table.NextRow + 1, 1).SetValue("ClosedXML 写的单元格");
            wb.SaveAs(path);
        }

        SummaryWorkbookWriter.Finish(path, [], [table]);

        var rows = new WorkbookContent(path).Rows("数据");
        Assert.Equal(["文本", "数值", "整数", "说明"], rows[0]);
        Assert.Equal(new object?[] { "控制\u0001字符", 12345.678, 7.0, LongText }, rows[1]);
        Assert.Equal(new object?[] { " 前后空格\n换行 ", "—", 8.0, "_x0041_ 不是转义" }, rows[2]);
        Assert.Equal(new object?[] { "😀 surrogate pair", "—", null, string.Empty }, rows[3]);
        Assert.Equal("ClosedXML 写的单元格", rows[5][0]);

        using (var wb = new XLWorkbook(path))
        {
            var ws = wb.Worksheet("数据");
            Assert.Equal(NumberCell.Money, ws.Cell("B2").Style.NumberFormat.Format);
            Assert.Equal(XLAlignmentHorizontalValues.Right, ws.Cell("B3").Style.Alignment.Horizontal);
            Assert.True(ws.Cell("D2").Style.Alignment.WrapText, "a text wider than its column wraps");
            Assert.Equal(XLAlignmentVerticalValues.Top, ws.Cell("D2").Style.Alignment.Vertical);
            Assert.True(ws.Row(2).Height >= 30, $"row 2 is {ws.Row(2).Height} high: it grew to the wrapped lines");
            Assert.False(ws.Cell("A3").Style.Alignment.WrapText);
            Assert.Equal("A1:D6", ws.RangeUsed()!.RangeAddress.ToString());
        }

        using var doc = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();
        Assert.Empty(errors);
    }
}
