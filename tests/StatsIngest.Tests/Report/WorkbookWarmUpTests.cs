using ClosedXML.Excel;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Report;

namespace StatsIngest.Tests.Report;

/// <summary>
/// The warm-up beside a workbook's opening pass or a refresh writes a summary workbook of no data: in memory, so that a
/// process that ends (or is killed) while it writes leaves nothing behind in the temporary folder.
/// </summary>
public class WorkbookWarmUpTests
{
    [Fact]
    public void A_workbook_of_no_data_is_written_whole_in_memory()
    {
        var codes = CodeLists.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists"));

        var written = WorkbookWarmUp.Write(codes, DateTimeOffset.UnixEpoch);

        // Read back by a second reader: every sheet of a summary workbook is there.
        using var workbook = new XLWorkbook(new MemoryStream(written));
        Assert.Contains(SummaryWorkbookWriter.OverviewSheet, workbook.Worksheets.Select(s => s.Name));
        Assert.Contains(SummaryWorkbookWriter.DataSheet, workbook.Worksheets.Select(s => s.Name));
        Assert.Contains(SummaryWorkbookWriter.SourcesSheet, workbook.Worksheets.Select(s => s.Name));
    }
}
