using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

public class CsvGridReaderTests
{
    [Fact]
    public void A_GB18030_csv_without_BOM_is_detected_and_decoded()
    {
        var grid = CsvGridReader.Read(Fixtures.Path("canonical_gb18030_no_bom.csv"));

        Assert.Equal("GB18030", grid.Encoding);
        var sheet = Assert.Single(grid.Sheets);
        Assert.Equal("期间", sheet.Cell(1, 1)!.Text);
        Assert.Equal("国内生产总值", sheet.Cell(2, 3)!.Text);
        Assert.Equal("初步核算", sheet.Cell(2, 8)!.Text);
    }

    [Fact]
    public void A_UTF8_csv_with_BOM_and_semicolons_is_read_without_the_BOM_in_the_first_header()
    {
        var grid = CsvGridReader.Read(Fixtures.Path("canonical_utf8_bom_semicolon.csv"));

        Assert.Equal("UTF-8 (BOM)", grid.Encoding);
        var sheet = grid.Sheets[0];
        Assert.Equal("period", sheet.Cell(1, 1)!.Text);
        Assert.Equal("全国", sheet.Cell(2, 2)!.Text);
        Assert.Equal("1149237", sheet.Cell(2, 6)!.Text);
    }

    [Fact]
    public void An_empty_file_is_an_error_that_says_so()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("empty.csv");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<GridReadException>(() => CsvGridReader.Read(path));
        Assert.Equal("Expected a CSV table, found an empty file (0 bytes).", ex.Message);
    }

    [Fact]
    public void Binary_content_named_csv_is_rejected_with_the_offset_of_the_first_NUL()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("binary.csv");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]);

        var ex = Assert.Throws<GridReadException>(() => CsvGridReader.Read(path));
        Assert.Contains("byte 4 of the file is a NUL byte", ex.Message, StringComparison.Ordinal);
    }
}
