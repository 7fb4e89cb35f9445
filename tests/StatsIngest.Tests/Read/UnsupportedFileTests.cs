using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>A file in a format not read (.xlsb, .ods, .et, none) is refused naming its format, and how to save it as one that is.</summary>
public class UnsupportedFileTests
{
    [Theory]
    [InlineData("统计.xlsb", "the extension '.xlsb'")]
    [InlineData("统计.ods", "the extension '.ods'")]
    [InlineData("统计.et", "the extension '.et'")]
    [InlineData("统计", "no extension.")]
    public void A_file_of_another_format_goes_to_quarantine_saying_how_to_save_it_as_xlsx(string name, string found)
    {
        using var tmp = new TempFolder();
        var path = tmp.File(name);
        File.Copy(Fixtures.Path("canonical_legacy.xls"), path);

        Assert.Equal(StatsIngestCli.FileProblems, CliRun.Run(["ingest", path, "--data", tmp.File("data")]).Code);

        var report = File.ReadAllText(tmp.File($"data/quarantine/{name}.error.txt"));
        Assert.Contains($"Expected a .csv, .xlsx or .xls file, found a file with {found}", report, StringComparison.Ordinal);
        Assert.Contains("If it is a workbook, save it as an Excel workbook (.xlsx)", report, StringComparison.Ordinal);
        Assert.Contains("另存为", report, StringComparison.Ordinal);
        Assert.True(File.Exists(tmp.File($"data/quarantine/{name}")));
    }
}
