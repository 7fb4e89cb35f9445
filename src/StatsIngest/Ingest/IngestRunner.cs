using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Read;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// The one way a batch of files is ingested — by the service's inbox loop, <c>ingest</c>, <c>collect</c> and
/// <c>reprocess</c>: claim each file into work/, run it through the pipeline on its own, then refresh the indicators
/// and workbooks once if anything was stored. Every failure while handling one file ends that file only: a passing
/// fault (a locked database, a full disk) is retried with backoff and otherwise leaves the file in work/ for later;
/// a file that can not be read, takes longer than Limits:FileSeconds or needs too much memory goes to quarantine with a
/// report. A refresh that fails is logged and said; the data stays stored and the next refresh tries again.
/// </summary>
public sealed partial class IngestRunner(
    IngestPipeline pipeline, WorkArea work, ReportService reports, IngestStatus status, DataFolders folders, IOptions<ReadLimits> limits,
    IOptions<InboxOptions> inbox, ICluster cluster, TimeProvider clock, ILogger<IngestRunner> logger)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public IngestRun Run(IEnumerable<IngestRequest> files, CancellationToken cancel = default)
    {
        var outcomes = new List<IngestOutcome>();
        var notClaimed = new List<(string, string)>();
        var pendingBefore = File.Exists(folders.RefreshPending);
        foreach (var file in files)
        {
            if (cancel.IsCancellationRequested)
            {
                break; // claimed files not started stay in work/ and are taken first on the next start
            }

            if (file.Claim == ClaimMode.Refuse)
            {
                outcomes.Add(Guarded(file.Path, () => pipeline.Refuse(file.Path, file.Reason ?? Msg.Of("not a regular file"))));
                continue;
            }

            var workPath = Claim(file, notClaimed);
            if (workPath is not null)
            {
                MarkRefreshPending();
                outcomes.Add(Process(workPath, cancel));
            }
        }

        var stored = outcomes.Any(o => o.Outcome == DeliveryOutcome.Ingested);
        var (workbook, failure) = stored ? Refresh() : (null, null);
        if (!stored && !pendingBefore)
        {
            File.Delete(folders.RefreshPending); // nothing was stored: no refresh is owed
        }

        return new IngestRun(outcomes, notClaimed, workbook, failure);
    }

    /// <summary>
    /// Reads archived files again (after an alias, a rule or the reader changed), in the store's order, then refreshes once
    /// if a vintage was added. A file whose reading withdrew values brings in the files of <paramref name="stored"/>
    /// that may give them back (<see cref="MayRestate"/>).
    /// </summary>
    public ReprocessRun Reprocess(IReadOnlyList<FileRecord> chosen, IReadOnlyList<FileRecord> stored, CancellationToken cancel = default)
    {
        var queue = new PriorityQueue<(FileRecord File, string? After), long>(chosen.Select(f => ((f, (string?)null), f.Id)));
        var taken = chosen.Select(f => f.Id).ToHashSet();
        var outcomes = new List<ReprocessOutcome>();
        while (!cancel.IsCancellationRequested && queue.TryDequeue(out var next, out _))
        {
            var outcome = ReprocessOne(next.File, cancel) with { After = next.After };
            outcomes.Add(outcome);
            if (outcome.Commit is { Withdrawn: > 0 })
            {
                foreach (var later in MayRestate(stored, next.File).Where(f => taken.Add(f.Id)))
                {
                    queue.Enqueue((later, next.File.FileName), later.Id);
                }
            }
        }

        var (workbook, failure) = outcomes.Any(o => o.Result == ReprocessResult.Reprocessed) ? Refresh() : (null, null);
        return new ReprocessRun(outcomes, workbook, failure);
    }

    /// <summary>
    /// The files that may give back a value <paramref name="withdrew"/>'s reading withdrew: those ingested after it that
    /// restated values unchanged — such a value kept no row of that file, and the file's own reading brings it back in its place.
    /// </summary>
    internal static IEnumerable<FileRecord> MayRestate(IReadOnlyList<FileRecord> stored, FileRecord withdrew) =>
        stored.Where(f => f.Reason == FileRecord.Ingested && f.Id > withdrew.Id && f.ObservationsUnchanged > 0);

    private ReprocessOutcome ReprocessOne(FileRecord file, CancellationToken cancel)
    {
        try
        {
            return pipeline.Reprocess(file, cancel);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            LogUnexpected(ex, file.FileName);
            return new ReprocessOutcome(file.FileName, ReprocessResult.Failed, $"StatsIngest failed while reading it again ({ex.GetType().Name}: {ex.Message}); nothing changed");
        }
    }

    /// <summary>Re-runs the refresh of indicators and workbooks alone (at start, after a run that was cut short).</summary>
    public (string? Workbook, string? Failure) RefreshNow() => Refresh();

    private string? Claim(IngestRequest file, List<(string, string)> notClaimed)
    {
        try
        {
            return file.Claim == ClaimMode.Claimed ? file.Path : work.Claim(file.Path, file.Claim);
        }
        catch (FileNotFoundException) when (cluster.IsClustered && !File.Exists(file.Path))
        {
            return null; // another instance of the cluster moved it into its work/ first
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still in use, or no room in work/ (a full disk): the file stays where it is and is tried again.
            var name = Path.GetFileName(file.Path);
            var tries = status.Defer(name, "not taken yet: " + Faults.Describe(ex));
            if (tries == 1 || tries % 60 == 0)
            {
                LogClaimFailed(name, ex.Message, tries);
            }

            notClaimed.Add((file.Path, ex.Message));
            return null;
        }
    }

    private IngestOutcome Process(string workPath, CancellationToken cancel)
    {
        var name = work.OriginalName(workPath);
        work.BeginAttempt(workPath);
        status.StartReading(name);
        try
        {
            var outcome = Retrying().Execute(token => WithDeadline(workPath, token), cancel);
            work.EndAttempt(workPath, done: outcome.Outcome != DeliveryOutcome.Deferred || !File.Exists(workPath), deferred: true);
            status.Done(name);
            return outcome;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            work.EndAttempt(workPath, done: false);
            return new IngestOutcome(name, DeliveryOutcome.Deferred, workPath, "the service is stopping; taken first at the next start");
        }
        catch (Exception ex) when (StoreDamagedException.Is(ex))
        {
            // Not the file's fault and no retry helps: the file waits in work/ (not counted as an attempt) and the service stops.
            work.EndAttempt(workPath, done: false);
            if (ex is StoreDamagedException)
            {
                throw;
            }

            throw new StoreDamagedException(folders.DatabasePath, ex);
        }
        catch (Exception ex) when (Faults.IsTransient(ex))
        {
            work.EndAttempt(workPath, done: false, deferred: true);
            status.Defer(name, Faults.Describe(ex));
            LogDeferred(name, Faults.Describe(ex));
            return new IngestOutcome(name, DeliveryOutcome.Deferred, workPath, $"{Faults.Describe(ex)}; left in work/ and tried again later");
        }
        catch (Exception ex)
        {
            if (ex is DeadlineException)
            {
                LogTooSlow(name, limits.Value.FileSeconds); // a limit at work, as the README says: not a failure
            }
            else
            {
                LogUnexpected(ex, name);
            }

            if (ex is OutOfMemoryException)
            {
                GC.Collect();
            }

            var outcome = Guarded(workPath, () => pipeline.QuarantineUnexpected(workPath, ex));
            work.EndAttempt(workPath, done: outcome.Outcome != DeliveryOutcome.Deferred, deferred: true);
            return outcome;
        }
        finally
        {
            status.StopReading();
        }
    }

    /// <summary>
    /// The pipeline on a thread of its own under Limits:FileSeconds: a read that blocks or never ends is cut off, a
    /// statement of the store under way is interrupted, and the stopped work can not commit (<see cref="CommitClaim"/>).
    /// </summary>
    private IngestOutcome WithDeadline(string workPath, CancellationToken cancel)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(limits.Value.FileSeconds), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        var claim = new CommitClaim(linked.Token);
        var task = Task.Factory.StartNew(() => pipeline.Process(workPath, claim), linked.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            task.Wait(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The deadline passed (or the service stops): give the cancelled work a moment to stop before the file is set
            // aside. Work that ended in that moment with an outcome (its quarantine, or a commit made before the deadline)
            // has handled the file: setting it aside again found no file in work/ and said the processing failed.
            task.ContinueWith(t => t.Exception, TaskScheduler.Default);
            if (!cancel.IsCancellationRequested)
            {
                Task.WaitAny([task], Grace);
            }

            if (task.IsCompletedSuccessfully)
            {
                return task.Result;
            }

            if (!claim.TryStop())
            {
                // It was committing the file (or setting it aside) when it was stopped: that end stands, waited for.
                return task.GetAwaiter().GetResult();
            }

            if (cancel.IsCancellationRequested)
            {
                throw; // the service stops: the file stays in work/, taken first at the next start
            }

            throw new DeadlineException($"Reading took longer than Limits:FileSeconds ({limits.Value.FileSeconds} s).");
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return task.Result;
    }

    /// <summary>Passing faults retried with exponential backoff (Inbox:TransientRetries, Inbox:RetryDelaySeconds).</summary>
    private ResiliencePipeline Retrying() =>
        inbox.Value.TransientRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = clock }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(Faults.IsTransient),
                    MaxRetryAttempts = inbox.Value.TransientRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromSeconds(inbox.Value.RetryDelaySeconds),
                    UseJitter = true,
                })
                .Build();

    /// <summary>An action on a file that may meet a passing fault itself (writing a report on a full disk): then the file stays where it is.</summary>
    private IngestOutcome Guarded(string path, Func<IngestOutcome> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (Faults.IsTransient(ex))
        {
            var name = Path.GetFileName(path);
            status.Defer(name, Faults.Describe(ex));
            LogDeferred(name, Faults.Describe(ex));
            return new IngestOutcome(name, DeliveryOutcome.Deferred, path, $"could not be set aside ({Faults.Describe(ex)}); it stays where it is and is tried again later");
        }
    }

    /// <summary>
    /// Marks the refresh as owed before a file can be committed, so that a stop between the commit and the refresh (a
    /// kill, a power cut) is followed by the refresh at the next start. A marker that cannot be written (a full disk)
    /// only loses that; the refresh after the batch still runs.
    /// </summary>
    private void MarkRefreshPending()
    {
        try
        {
            if (!File.Exists(folders.RefreshPending))
            {
                File.WriteAllText(folders.RefreshPending, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogMarkerFailed(ex.Message);
        }
    }

    private (string? Workbook, string? Failure) Refresh()
    {
        try
        {
            // One refresh at a time in a cluster: the one that waited finds the workbooks written and rewrites only what changed since.
            using var one = cluster.LockRefresh();

            // A marker while the refresh runs: found at the next start (a kill, a stop cut short), the refresh is done again.
            File.WriteAllText(folders.RefreshPending, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            ProcessMemory.Release(); // what staging the batch's files left behind is not carried into the refresh's peak
            var workbook = reports.Refresh();
            File.Delete(folders.RefreshPending);
            status.Refreshed(null);
            if (workbook.Written)
            {
                LogSummary(workbook.Path);
            }
            else
            {
                LogSummaryUnchanged(workbook.Path);
            }

            return (workbook.Path, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The data is stored; a report that fails (a full disk, a bug) must not undo it nor stop the caller.
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            var again = status.RefreshFailure?.Reason == reason;
            status.Refreshed(reason);
            if (again)
            {
                LogRefreshFailedAgain(status.RefreshFailure!.Value.Tries, reason); // its stack trace was logged the first time
            }
            else
            {
                LogRefreshFailed(ex);
            }

            return (null, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note that a refresh is owed ({Reason}); a stop before this batch's refresh would leave it to the next file")]
    private partial void LogMarkerFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary workbook written: {Path}")]
    private partial void LogSummary(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary workbook unchanged (the data it shows did not change), not rewritten: {Path}")]
    private partial void LogSummaryUnchanged(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The indicators and the workbook could not be refreshed; the data is stored, and the service tries again after Inbox:DeferredRetrySeconds, each failure in a row doubling the wait up to an hour (so do the next file and `statsingest report`)")]
    private partial void LogRefreshFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "The refresh failed again, {Tries} times in a row, as before: {Reason}; the data is stored, and the next try waits twice as long (up to an hour)")]
    private partial void LogRefreshFailedAgain(int tries, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take {File} into work/ ({Tries} tries): {Reason}; it stays where it is and is tried again")]
    private partial void LogClaimFailed(string file, string reason, int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is left in work/ for later: {Reason}")]
    private partial void LogDeferred(string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing {File} failed unexpectedly; it goes to quarantine")]
    private partial void LogUnexpected(Exception ex, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {File} took longer than Limits:FileSeconds ({Seconds} s); it was stopped and goes to quarantine")]
    private partial void LogTooSlow(string file, double seconds);

    /// <summary>A file's processing cut off by Limits:FileSeconds.</summary>
    private sealed class DeadlineException(string message) : OperationCanceledException(message);
}
