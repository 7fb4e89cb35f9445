using StatsIngest.Normalize.Lexicon;
using StatsIngest.Report;

namespace StatsIngest.Tests.Report;

/// <summary>The warm-up beside a workbook's opening pass writes a summary workbook of no data: it must not fail, nor leave its file.</summary>
public class WorkbookWarmUpTests
{
    [Fact]
    public void A_workbook_of_no_data_is_written_and_removed()
    {
        var codes = CodeLists.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists"));
        var written = string.Empty;

        var thrown = Record.Exception(() => written = WorkbookWarmUp.Write(codes, DateTimeOffset.UnixEpoch));

        Assert.Null(thrown);
        Assert.StartsWith(Path.GetTempPath(), written, StringComparison.Ordinal);
        Assert.False(File.Exists(written));
    }
}
