using System.Text;
using Microsoft.Extensions.Logging;
using StatsIngest.Collect;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Read;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// Sets a file aside in quarantine/ with its report (<c>NAME.error.txt</c>) and records the delivery. The report is
/// written first: when it can not be written (a full disk), nothing is moved and the error goes up — the file stays
/// where it is, to be tried again. A quarantined file is never without its report.
/// </summary>
public sealed partial class Quarantine(DataFolders folders, ObservationStore store, StatsIngestMetrics metrics, TimeProvider clock, MessageCatalog chinese, ILogger<Quarantine> logger)
{
    public const string ReportSuffix = ".error.txt";

    /// <summary>The report is written beside its file under this ending first, then renamed: the name leaves room for both.</summary>
    private const string WritingSuffix = ReportSuffix + ".tmp";

    public IngestOutcome Put(string path, string name, string sha, long? size, GridSummary? grid, IReadOnlyList<Problem> problems, Msg? notRead = null)
    {
        var received = clock.GetUtcNow();
        problems = Problem.ByPlace(problems);
        var target = FileNames.Unique(folders.Quarantine, name, ReportSuffix, WritingSuffix);
        var reportPath = target + ReportSuffix;
        var temp = target + WritingSuffix;
        File.WriteAllText(temp, QuarantineReport.Write(name, sha, size, received, grid, problems, notRead, chinese), new UTF8Encoding(true));
        var first = problems.FirstOrDefault(p => p.Severity == ProblemSeverity.Error);
        var detail = Msg.Of("{count} problem(s); first: {first}", ("count", problems.Count(p => p.Severity == ProblemSeverity.Error)), ("first", first?.ToMsg()));
        try
        {
            // Recorded, then moved: a kill between the two leaves the file where it was, to be refused again (the record is kept once).
            store.RecordDelivery(name, sha, received, DeliveryOutcome.Quarantined, null, folders.Relative(target), detail.Encode());
            Move(path, target);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        File.Move(temp, reportPath, overwrite: true);
        metrics.FilesQuarantined.Add(1);
        LogQuarantined(name, folders.Relative(reportPath), Cut(first?.ToString() ?? string.Empty));
        return new IngestOutcome(name, DeliveryOutcome.Quarantined, folders.Relative(target), Cut(detail.ToString()));
    }

    /// <summary>Moves a file, or a refused entry that is not a file (a FIFO, a link, a folder), without opening it.</summary>
    private static void Move(string path, string target)
    {
        if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            Directory.Move(path, target);
        }
        else
        {
            File.Move(path, target);
        }
    }

    private static string Cut(string text) => text.Length <= 500 ? text : text[..500] + " …";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined {File}: see {Report}. {FirstProblem}")]
    private partial void LogQuarantined(string file, string report, string firstProblem);
}
