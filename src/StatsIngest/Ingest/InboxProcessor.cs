using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Ingest;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// The service's loop: on start, finishes what a crash left in <c>work/</c>; then takes each stable inbox file,
/// claims it by an atomic move into <c>work/</c>, runs it through the pipeline, and rewrites the summary workbook
/// after each batch that stored something. A failure of one file never stops the loop.
/// </summary>
public sealed partial class InboxProcessor(
    DataFolders folders,
    InboxScanner scanner,
    InboxSignal signal,
    IngestPipeline pipeline,
    ReportService reports,
    ObservationStore store,
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        SeedSamplesIfNew();
        using var watcher = inboxOptions.Value.Watch ? StartWatcher() : null;
        LogStarted(folders.Inbox, folders.Root);

        var leftOver = Directory.GetFiles(folders.Work).Order(StringComparer.Ordinal).ToArray();
        if (leftOver.Length > 0)
        {
            LogRecovering(leftOver.Length);
            ProcessBatch(leftOver, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            LastLoopAt = clock.GetUtcNow();
            try
            {
                var ready = scanner.StableFiles();
                if (ready.Count > 0)
                {
                    var claimed = new List<string>();
                    foreach (var path in ready)
                    {
                        try
                        {
                            claimed.Add(pipeline.Claim(path, move: true));
                        }
                        catch (IOException ex)
                        {
                            LogClaimFailed(Path.GetFileName(path), ex.Message);
                        }
                    }

                    ProcessBatch(claimed, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(ex.Message);
            }

            var quiet = TimeSpan.FromSeconds(inboxOptions.Value.QuietPeriodSeconds);
            var wait = scanner.HasPending
                ? TimeSpan.FromMilliseconds(Math.Clamp(quiet.TotalMilliseconds / 4, 100, 1000))
                : TimeSpan.FromSeconds(inboxOptions.Value.RescanIntervalSeconds);
            await signal.WaitAsync(wait, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    private void ProcessBatch(IEnumerable<string> workFiles, CancellationToken stoppingToken)
    {
        var stored = false;
        foreach (var file in workFiles)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Claimed files not started stay in work/ and are taken first on the next start.
                break;
            }

            try
            {
                var outcome = pipeline.Process(file);
                stored |= outcome.Outcome == DeliveryOutcome.Ingested;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogUnexpected(ex, Path.GetFileName(file));
                try
                {
                    pipeline.QuarantineUnexpected(file, ex);
                }
                catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                {
                    LogUnexpected(inner, Path.GetFileName(file));
                }
            }
        }

        if (stored)
        {
            try
            {
                LastSummaryPath = reports.Refresh();
                LogSummary(LastSummaryPath);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                // The data is stored; a report that fails (a full disk, a bug) must not stop the service.
                LogRefreshFailed(ex);
            }
        }
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
        foreach (var file in Directory.GetFiles(samples).Where(f => !InboxScanner.IsIgnored(Path.GetFileName(f))).Order(StringComparer.Ordinal))
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} file(s) left in work/ by an earlier run")]
    private partial void LogRecovering(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary workbook written: {Path}")]
    private partial void LogSummary(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The indicators and the workbook could not be refreshed; the data is stored, and the next file or `statsingest report` tries again")]
    private partial void LogRefreshFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: copied {Count} bundled sample file(s) from {Samples} into the inbox")]
    private partial void LogSeeded(int count, string samples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim {File} (still in use?): {Reason}; will retry")]
    private partial void LogClaimFailed(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the inbox failed: {Reason}; will retry")]
    private partial void LogScanFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox watcher reported {Reason}; the periodic rescan still finds every file")]
    private partial void LogWatcherError(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing {File} failed unexpectedly; it goes to quarantine")]
    private partial void LogUnexpected(Exception ex, string file);
}
