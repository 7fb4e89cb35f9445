using Microsoft.Extensions.Logging;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// The one way a batch of files is ingested — by the service's inbox loop, <c>ingest</c>, <c>collect</c> and
/// <c>reprocess</c>: claim each file into work/, run it through the pipeline on its own (any failure of one file ends
/// that file only: it goes to quarantine with a report), then refresh the indicators and workbooks once if anything
/// was stored. A refresh that fails is logged and said; the data stays stored and the next refresh tries again.
/// </summary>
public sealed partial class IngestRunner(IngestPipeline pipeline, ReportService reports, ILogger<IngestRunner> logger)
{
    public IngestRun Run(IEnumerable<IngestRequest> files, CancellationToken cancel = default)
    {
        var outcomes = new List<IngestOutcome>();
        var notClaimed = new List<(string, string)>();
        foreach (var file in files)
        {
            if (cancel.IsCancellationRequested)
            {
                // Claimed files not started stay in work/ and are taken first on the next start.
                break;
            }

            var work = Claim(file, notClaimed);
            if (work is not null)
            {
                outcomes.Add(Process(work));
            }
        }

        var stored = outcomes.Any(o => o.Outcome == DeliveryOutcome.Ingested);
        var (workbook, failure) = stored ? Refresh() : (null, null);
        return new IngestRun(outcomes, notClaimed, workbook, failure);
    }

    /// <summary>Reads archived files again (after an alias, a rule or the reader changed), then refreshes once if a vintage was added.</summary>
    public ReprocessRun Reprocess(IEnumerable<FileRecord> files, CancellationToken cancel = default)
    {
        var outcomes = new List<ReprocessOutcome>();
        foreach (var file in files.TakeWhile(_ => !cancel.IsCancellationRequested))
        {
            try
            {
                outcomes.Add(pipeline.Reprocess(file));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                LogUnexpected(ex, file.FileName);
                outcomes.Add(new ReprocessOutcome(file.FileName, ReprocessResult.Failed, $"StatsIngest failed while reading it again ({ex.GetType().Name}: {ex.Message}); nothing changed"));
            }
        }

        var (workbook, failure) = outcomes.Any(o => o.Result == ReprocessResult.Reprocessed) ? Refresh() : (null, null);
        return new ReprocessRun(outcomes, workbook, failure);
    }

    private string? Claim(IngestRequest file, List<(string, string)> notClaimed)
    {
        try
        {
            return file.Claim == ClaimMode.Claimed ? file.Path : pipeline.Claim(file.Path, move: file.Claim == ClaimMode.Move);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogClaimFailed(Path.GetFileName(file.Path), ex.Message);
            notClaimed.Add((file.Path, ex.Message));
            return null;
        }
    }

    private IngestOutcome Process(string workPath)
    {
        try
        {
            return pipeline.Process(workPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            LogUnexpected(ex, IngestPipeline.OriginalName(workPath));
            try
            {
                return pipeline.QuarantineUnexpected(workPath, ex);
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
            {
                LogUnexpected(inner, IngestPipeline.OriginalName(workPath));
                return new IngestOutcome(IngestPipeline.OriginalName(workPath), DeliveryOutcome.Quarantined, workPath,
                    $"failed ({ex.Message}) and could not be moved to quarantine ({inner.Message}); it stays in work/ and is tried again at the next start");
            }
        }
    }

    private (string? Workbook, string? Failure) Refresh()
    {
        try
        {
            var path = reports.Refresh();
            LogSummary(path);
            return (path, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // The data is stored; a report that fails (a full disk, a bug) must not undo it nor stop the caller.
            LogRefreshFailed(ex);
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary workbook written: {Path}")]
    private partial void LogSummary(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The indicators and the workbook could not be refreshed; the data is stored, and the next file or `statsingest report` tries again")]
    private partial void LogRefreshFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim {File} (still in use?): {Reason}; will retry")]
    private partial void LogClaimFailed(string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing {File} failed unexpectedly; it goes to quarantine")]
    private partial void LogUnexpected(Exception ex, string file);
}
