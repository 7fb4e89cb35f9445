using System.Text;
using StatsIngest.Collect;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Collect;

public class FileNamesTests
{
    [Theory]
    [InlineData("统计月报.xlsx", "", "", 0)]
    [InlineData("统计月报.xlsx", "20261126-abcdef__", " (2)", 10)]
    public void A_name_that_fits_is_kept_whole(string name, string prefix, string suffix, int reserve)
    {
        var fitted = FileNames.Fit(name, prefix, suffix, reserve);

        Assert.Equal(prefix + Path.GetFileNameWithoutExtension(name) + suffix + ".xlsx", fitted);
    }

    [Fact]
    public void A_long_name_is_shortened_inside_its_stem_keeping_the_extension_and_room_for_a_companion()
    {
        var name = new string('统', 100) + ".xlsx";

        var fitted = FileNames.Fit(name, prefix: "20261126-abcdef__", reserve: ".error.txt".Length);

        Assert.EndsWith("….xlsx", fitted, StringComparison.Ordinal);
        Assert.StartsWith("20261126-abcdef__统", fitted, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(fitted + ".error.txt"), 240, FileNames.MaxBytes);
    }

    [Fact]
    public void A_unique_name_beside_a_taken_one_is_numbered_and_leaves_room_for_its_report()
    {
        using var tmp = new TempFolder();
        var name = new string('统', 84) + ".csv"; // 256 bytes
        var first = FileNames.Unique(tmp.Path, name, ".error.txt");
        File.WriteAllText(first, "x");

        var second = FileNames.Unique(tmp.Path, name, ".error.txt");

        Assert.Contains("… (2).csv", second, StringComparison.Ordinal);
        File.WriteAllText(second + ".error.txt", "a report"); // would throw if the name were too long
        Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(second) + ".error.txt") <= FileNames.MaxBytes);
    }

    [Theory]
    [InlineData(new byte[] { 0xD4, 0xC2, 0xB1, 0xA8 }, "月报.csv")] // GBK, as an old system writes it
    [InlineData(new byte[] { 0xFF, 0xFE }, "__.csv")] // not GB18030 either
    public void A_name_whose_bytes_are_not_UTF8_is_read_as_GB18030_when_it_is_else_underscored(byte[] bytes, string expected)
    {
        var marked = string.Concat(bytes.Select(b => "\0" + (char)b)) + ".csv";

        Assert.Equal(expected, FileNames.FromMarkedBytes(marked));
    }
}
