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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_UTF8_file_whose_character_straddles_the_detector_s_chunks_is_still_UTF8(int shift)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("big.csv");
        // Short ASCII lines up to just before byte 65,536 (the detector's chunk size), then a 3-byte character across it.
        var text = new System.Text.StringBuilder("period,region\n");
        while (text.Length < 65_536 - 40)
        {
            text.Append("2021,ab\n");
        }

        text.Append(new string('x', 65_536 - 1 - shift - text.Length - 5)).Append(",abc,统\n").Append("2021,全国\n");
        File.WriteAllText(path, text.ToString(), new System.Text.UTF8Encoding(false));
        var at = System.Text.Encoding.UTF8.GetBytes(text.ToString()).AsSpan().IndexOf("统"u8);
        Assert.InRange(at, 65_536 - 2, 65_535);

        var grid = CsvGridReader.Read(path);

        Assert.Equal("UTF-8", grid.Encoding);
        Assert.Equal("全国", grid.Sheets[0].Rows[^1][1].Text);
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

    /// <summary>
    /// A few bytes of garbage with one NUL at an odd offset ("garbage\0\x01") were taken for UTF-16LE without a byte order
    /// mark (one NUL in four pairs is "a quarter") and refused as a table with no rows, not as the binary content it is.
    /// </summary>
    [Fact]
    public void A_single_NUL_in_a_few_bytes_is_binary_content_not_UTF16()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("bad.csv");
        File.WriteAllBytes(path, [.. "garbage"u8, 0x00, 0x01]);

        var ex = Assert.Throws<GridReadException>(() => CsvGridReader.Read(path));
        Assert.Contains("byte 7 of the file is a NUL byte", ex.Message, StringComparison.Ordinal);
    }
}
