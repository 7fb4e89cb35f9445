using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace StatsIngest.Collect;

/// <summary>
/// In a cluster the job store keeps each source's trigger across restarts (the declared ones are added only when missing):
/// an instance joining a running cluster must not replace a trigger another instance is firing — the replacement would
/// be due again at the time just fired. At start, a stored trigger whose schedule the configuration changed (its cron
/// expression or time zone) is replaced by the configured one, which starts from now; the job of a source the
/// configuration no longer schedules (removed, disabled, without a schedule) is deleted with its trigger, so the cluster
/// stops firing it.
/// </summary>
public sealed partial class StoredSchedules(ISchedulerFactory schedulers, IOptions<SourcesOptions> sources, TimeProvider clock, ILogger<StoredSchedules> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var scheduled = sources.Value.Items.Where(CollectJob.IsScheduled).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(CollectJob.Group), cancellationToken).ConfigureAwait(false))
        {
            if (!scheduled.Contains(job.Name))
            {
                LogRemoved(job.Name);
                await scheduler.DeleteJob(job, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var source in sources.Value.Items.Where(CollectJob.IsScheduled))
        {
            var builder = TriggerBuilder.Create<CollectJob>(clock);
            CollectJob.Trigger(builder, source);
            var configured = (ICronTrigger)builder.Build();
            if (await scheduler.GetTrigger(configured.Key, cancellationToken).ConfigureAwait(false) is ICronTrigger stored
                && (stored.CronExpressionString != configured.CronExpressionString || stored.TimeZone.Id != configured.TimeZone.Id))
            {
                LogReplaced(source.Name, stored.CronExpressionString ?? "", stored.TimeZone.Id, source.Schedule, source.TimeZone);
                await scheduler.RescheduleJob(configured.Key, configured, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: the configuration no longer schedules it; its job and trigger are removed from the cluster")]
    private partial void LogRemoved(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: the cluster's schedule {Stored} ({StoredZone}) is replaced by the configured {Schedule} ({Zone})")]
    private partial void LogReplaced(string source, string stored, string storedZone, string schedule, string zone);
}
