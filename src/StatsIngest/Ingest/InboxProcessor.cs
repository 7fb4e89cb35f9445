using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// The service's loop: on start, finishes what a crash left in <c>work/</c>; then takes the stable inbox files
/// and hands each batch to the <see cref="IngestRunner"/> (claim by an atomic move into <c>work/</c>, the pipeline, one
/// refresh of the workbooks). A failure of one file never stops the loop.
/// </summary>
public sealed partial class InboxProcessor(
    DataFolders folders,
    InboxScanner scanner,
    IgnoredNames ignored,
    InboxSignal signal,
    IngestRunner runner,
    IngestPipeline pipeline,
    WorkArea work,
    OrphanedWork orphans,
    ObservationStore store,
    IngestStatus status,
    IOptions<InboxOptions> inboxOptions,
    IOptions<DataOptions> dataOptions,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    /// <summary>The last workbook written, for the log and the tests.</summary>
    public string? LastSummaryPath { get; private set; }

    /// <summary>When the loop last went round (the health check's sign of life).</summary>
    public DateTimeOffset? LastLoopAt { get; private set; }

    /// <summary>How many times the loop has looked at the inbox and taken what was ready.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        SeedSamplesIfNew();
        using var watcher = inboxOptions.Value.Watch ? StartWatcher() : null;
        LogStarted(folders.Inbox, folders.Root);

        FinishInterruptedWork(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            LastLoopAt = clock.GetUtcNow();
            try
            {
                folders.Restore();
                var adopted = orphans.Adopt() > 0;
                var ready = scanner.Ready().Select(IngestRequest.From).Concat(DueAgain(now: adopted)).ToArray();
                if (ready.Length > 0)
                {
                    Ingest(ready, stoppingToken);
                }
                else if (RefreshDueAgain())
                {
                    LogRefreshAgain();
                    LastSummaryPath = runner.RefreshNow().Workbook ?? LastSummaryPath;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(ex.Message);
            }

            Interlocked.Increment(ref _passes);
            var quiet = TimeSpan.FromSeconds(inboxOptions.Value.QuietPeriodSeconds);
            var wait = scanner.HasPending
                ? TimeSpan.FromMilliseconds(Math.Clamp(quiet.TotalMilliseconds / 4, 100, 1000))
                : TimeSpan.FromSeconds(inboxOptions.Value.RescanIntervalSeconds);
            await signal.WaitAsync(wait, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What a stop or a crash left: stray temporary files of out/ removed; a file that stopped the process twice set
    /// aside as poison; the other files of work/ taken first; a refresh that did not finish (or a missing latest.xlsx)
    /// done again.
    /// </summary>
    private void FinishInterruptedWork(CancellationToken stoppingToken)
    {
        RemoveTemporaryOutputs();
        orphans.Adopt();
        var leftOver = work.Files();
        foreach (var poison in leftOver.Where(f => work.Attempts(f) >= WorkArea.PoisonAttempts))
        {
            LogPoison(work.OriginalName(poison), work.Attempts(poison));
            pipeline.Poison(poison, work.Attempts(poison));
        }

        leftOver = work.Files();
        if (leftOver.Count > 0)
        {
            LogRecovering(leftOver.Count);
            Ingest(leftOver.Select(f => new IngestRequest(f, ClaimMode.Claimed)), stoppingToken);
        }

        var latest = Path.Combine(folders.Out, "latest.xlsx");
        if (!stoppingToken.IsCancellationRequested && (File.Exists(folders.RefreshPending) || (!File.Exists(latest) && store.Files().Count > 0)))
        {
            LogRefreshAgain();
            LastSummaryPath = runner.RefreshNow().Workbook ?? LastSummaryPath;
        }
    }

    private void RemoveTemporaryOutputs()
    {
        foreach (var temp in Directory.EnumerateFiles(folders.Out, ".*.tmp*", SearchOption.AllDirectories))
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// The files a passing fault left in work/ whose wait is over (<see cref="WorkArea.RetryAt"/>: Inbox:DeferredRetrySeconds,
    /// doubling with each deferral in a row up to an hour); all of them <paramref name="now"/> (files just taken over from
    /// an instance that died).
    /// </summary>
    private IEnumerable<IngestRequest> DueAgain(bool now = false)
    {
        var wait = inboxOptions.Value.DeferredRetrySeconds;
        return work.Files().Where(f => now || work.RetryAt(f, wait) is not { } at || clock.GetUtcNow() >= at)
            .Select(f => new IngestRequest(f, ClaimMode.Claimed));
    }

    /// <summary>
    /// Whether a refresh that failed (out/ not writable, a full disk) is to be tried again: Inbox:DeferredRetrySeconds
    /// after its first failure, then twice as long after each failure in a row (<see cref="IngestStatus.RefreshRetryAt"/>).
    /// The data is stored; without it the workbook waited for the next file.
    /// </summary>
    private bool RefreshDueAgain() =>
        status.RefreshRetryAt(inboxOptions.Value.DeferredRetrySeconds) is { } at && clock.GetUtcNow() >= at;

    private void Ingest(IEnumerable<IngestRequest> files, CancellationToken stoppingToken)
    {
        var run = runner.Run(files, stoppingToken);
        LastSummaryPath = run.Workbook ?? LastSummaryPath;
    }

    private void SeedSamplesIfNew()
    {
        if (!dataOptions.Value.SeedSamples || store.Deliveries().Count > 0 || Directory.EnumerateFileSystemEntries(folders.Inbox).Any())
        {
            return;
        }

        var samples = Path.Combine(environment.ContentRootPath, "samples");
        if (!Directory.Exists(samples))
        {
            return;
        }

        var copied = 0;
        foreach (var file in Directory.GetFiles(samples).Where(f => !ignored.Contains(Path.GetFileName(f))).Order(StringComparer.Ordinal))
        {
            File.Copy(file, Path.Combine(folders.Inbox, Path.GetFileName(file)));
            copied++;
        }

        LogSeeded(copied, samples);
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            var watcher = new FileSystemWatcher(folders.Inbox) { IncludeSubdirectories = false, InternalBufferSize = 64 * 1024 };
            watcher.Created += (_, _) => signal.Request();
            watcher.Changed += (_, _) => signal.Request();
            watcher.Renamed += (_, _) => signal.Request();
            watcher.Error += (_, e) =>
            {
                LogWatcherError(e.GetException().Message);
                signal.Request();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            LogWatcherError(ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Inbox} (data folder {Root})")]
    private partial void LogStarted(string inbox, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} stopped StatsIngest {Attempts} times while it was read; it is set aside in quarantine as a poison file")]
    private partial void LogPoison(string file, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "The last refresh of the indicators and workbooks did not finish; refreshing now")]
    private partial void LogRefreshAgain();

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} file(s) left in work/ by an earlier run")]
    private partial void LogRecovering(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: copied {Count} bundled sample file(s) from {Samples} into the inbox")]
    private partial void LogSeeded(int count, string samples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the inbox failed: {Reason}; will retry")]
    private partial void LogScanFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox watcher reported {Reason}; the periodic rescan still finds every file")]
    private partial void LogWatcherError(string reason);
}
