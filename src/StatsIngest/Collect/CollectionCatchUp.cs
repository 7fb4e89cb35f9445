using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StatsIngest.Domain;

namespace StatsIngest.Collect;

/// <summary>
/// At start, runs each source's job once when its schedule fired while the service was down (the last run, from
/// <c>source_state</c>, is older than the schedule's latest fire time), or when it never ran: the misfire policy of a
/// service that is stopped and started. Later misfires are left alone. In a cluster, the instances starting claim the
/// missed run by its scheduled time, and one of them collects it; a fire due a moment ago (within the job store's misfire
/// threshold) is being run by an instance already running — one joining a running cluster catches nothing up.
/// </summary>
public sealed partial class CollectionCatchUp(ISchedulerFactory schedulers, IOptions<SourcesOptions> sources, ISourceStates state, ICluster cluster, TimeProvider clock, ILogger<CollectionCatchUp> logger)
    : BackgroundService
{
    /// <summary>The sources collected once at start because they missed a scheduled run.</summary>
    public IReadOnlyCollection<string> CaughtUp => _caughtUp;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _caughtUp = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        foreach (var source in sources.Value.Items.Where(s => s.Enabled))
        {
            if (!CronExpression.TryParse(source.Schedule, out var cron))
            {
                continue;
            }

            cron = cron.WithTimeZone(TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone));
            var lastRun = state.Get(source.Name, "*")?.CheckedAt;
            var missedRun = lastRun is null ? "never" : cron.GetNextValidTimeAfter(lastRun.Value) is { } next && next <= now - cluster.FiresLateBy ? next.ToString("O", CultureInfo.InvariantCulture) : null;
            if (missedRun is not null && await scheduler.GetJobDetail(CollectJob.KeyFor(source.Name), stoppingToken).ConfigureAwait(false) is not null
                && cluster.ClaimCatchUp(source.Name, missedRun))
            {
                LogCatchUp(source.Name, lastRun);
                _caughtUp.Enqueue(source.Name);
                await scheduler.TriggerJob(CollectJob.KeyFor(source.Name), new JobDataMap(), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source} missed a scheduled run (last run {LastRun}): collecting once now")]
    private partial void LogCatchUp(string source, DateTimeOffset? lastRun);
}
