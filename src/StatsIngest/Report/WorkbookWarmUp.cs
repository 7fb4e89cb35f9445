using StatsIngest.Compute;
using StatsIngest.Normalize.Lexicon;

namespace StatsIngest.Report;

/// <summary>
/// The summary workbook's first write in a process loads and compiles ClosedXML's and the writer's code (≈ 0.3 s of the
/// 0.6 s a 100k-row .xlsx ingest spent writing its workbook). Started when a workbook is read — while one core has
/// nothing to do when ExcelDataReader opens an .xls by reading a whole sheet — and when a refresh has read its index (it
/// plans and computes on one core before it writes: a monthly file into a 1M store 2.37 → 1.94 s, into a 10M one 4.15 → 3.53 s), a
/// workbook of no data is written on the thread pool and thrown away, so the workbook is written by code already warm.
/// Once per process, in memory (it wrote a file in the temporary folder, left there empty by a one-shot run that ended
/// before it); it never fails anything.
/// </summary>
public static class WorkbookWarmUp
{
    private static int Started;

    public static void Start(CodeLists codes, DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref Started, 1) == 0)
        {
            _ = Task.Run(() => Write(codes, now));
        }
    }

    /// <returns>The workbook written: in memory, so that a process that ends (or is killed) while it writes leaves no file behind.</returns>
    internal static byte[] Write(CodeLists codes, DateTimeOffset now)
    {
        using var workbook = new MemoryStream();
        SummaryWorkbookWriter.Build(workbook, new SummaryData("2000", [], new IndicatorSet([], [], 0), [], [], codes, now, null));
        return workbook.ToArray();
    }
}
