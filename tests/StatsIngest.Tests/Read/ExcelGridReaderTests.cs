using ClosedXML.Excel;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

public class ExcelGridReaderTests
{
    /// <summary>What the ingest warms the workbook writer beside (the opening pass of a workbook): not a text or a web page named .xls, not an empty file.</summary>
    [Fact]
    public void A_workbook_is_told_from_a_file_named_as_one_that_opens_without_reading_a_whole_sheet()
    {
        using var tmp = new TempFolder();
        var text = tmp.File("导出.xls");
        File.WriteAllText(text, "period,value\n2023,1\n");
        var page = tmp.File("网页.xls");
        File.WriteAllText(page, "<html><body><table><tr><td>1</td></tr></table></body></html>");
        var empty = tmp.File("空.xlsx");
        File.WriteAllBytes(empty, []);

        Assert.True(GridReader.OpensWholeSheet(Fixtures.Path("formulas_computed.xlsx")));
        Assert.True(GridReader.OpensWholeSheet(Fixtures.Path("canonical_legacy.xls")));
        Assert.False(GridReader.OpensWholeSheet(Fixtures.Path("formulas_computed.xlsx"), "renamed.csv"));
        Assert.Equal([false, false, false], new[] { text, page, empty }.Select(f => GridReader.OpensWholeSheet(f)));
    }

    [Fact]
    public void Reads_cached_values_with_cell_positions_from_every_sheet()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("table.xlsx");
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("表1");
            ws.Cell(1, 1).SetValue("期间");
            ws.Cell(1, 2).SetValue("数值");
            ws.Cell(3, 1).SetValue("2022");
            ws.Cell(3, 2).SetValue(8.1);
            wb.Worksheets.Add("空表");
            wb.SaveAs(path);
        }

        var grid = ExcelGridReader.Read(path);

        Assert.Equal(["表1", "空表"], grid.Sheets.Select(s => s.Name));
        var cell = grid.Sheets[0].Cell(3, 2)!;
        Assert.Equal("B3", cell.Reference);
        Assert.Equal("8.1", cell.Text);
        Assert.Equal(8.1, cell.Value);
        Assert.Null(grid.Sheets[0].Cell(2, 1));
    }

    [Fact]
    public void Random_bytes_named_xlsx_give_an_error_with_the_first_bytes()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("garbage.xlsx");
        File.WriteAllBytes(path, [0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4, 5, 6]);

        var ex = Assert.Throws<GridReadException>(() => ExcelGridReader.Read(path));
        Assert.StartsWith("Expected an Excel workbook (.xlsx or .xls)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DEADBEEF01020304", ex.Message, StringComparison.Ordinal);
    }
}
