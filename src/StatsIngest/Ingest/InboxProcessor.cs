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
    InboxSignal signal,
    IngestRunner runner,
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
            Ingest(leftOver.Select(f => new IngestRequest(f, ClaimMode.Claimed)), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            LastLoopAt = clock.GetUtcNow();
            try
            {
                var ready = scanner.StableFiles();
                if (ready.Count > 0)
                {
                    Ingest(ready.Select(f => new IngestRequest(f, ClaimMode.Move)), stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: copied {Count} bundled sample file(s) from {Samples} into the inbox")]
    private partial void LogSeeded(int count, string samples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the inbox failed: {Reason}; will retry")]
    private partial void LogScanFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox watcher reported {Reason}; the periodic rescan still finds every file")]
    private partial void LogWatcherError(string reason);
}
