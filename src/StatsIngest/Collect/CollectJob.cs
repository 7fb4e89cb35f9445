using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StatsIngest.Domain;

namespace StatsIngest.Collect;

/// <summary>
/// The scheduled collection of one source (one job per source, never two runs of it at once): fetches the period the
/// schedule is for (the month <c>PeriodLagMonths</c> before the run, in the source's time zone), places new files in
/// the inbox and rings the inbox processor. Honours cancellation: a service stop ends the run, nothing half-written
/// reaches the inbox.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class CollectJob(
    SourceCollector collector, IOptions<SourcesOptions> sources, ISourceStates state, InboxSignal inbox, Deadlines deadlines, TimeProvider clock, ILogger<CollectJob> logger) : IJob
{
    public const string Group = "collect";
    public const string SourceKey = "source";

    public static JobKey KeyFor(string source) => new(source, Group);

    /// <summary>Whether a source runs on a schedule: enabled, with a cron expression and a time zone this machine knows.</summary>
    public static bool IsScheduled(SourceDefinition source) =>
        source.Enabled && CronExpression.TryParse(source.Schedule, out _) && TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out _);

    /// <summary>
    /// A source's trigger: its cron schedule in its time zone. A run missed while the service was down is made up once at
    /// start by <see cref="CollectionCatchUp"/>; Quartz itself does nothing for misfires.
    /// </summary>
    public static ITriggerConfigurator<CollectJob> Trigger(ITriggerConfigurator<CollectJob> trigger, SourceDefinition source) =>
        trigger.WithIdentity(source.Name, Group).ForJob(KeyFor(source.Name))
            .WithCronSchedule(source.Schedule, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing));

    /// <summary>A source's job; in a cluster, a run cut short by an instance's death is run again by another.</summary>
    public static IJobConfigurator<CollectJob> Job(IJobConfigurator<CollectJob> job, SourceDefinition source) =>
        job.WithIdentity(KeyFor(source.Name)).UsingJobData(SourceKey, source.Name).RequestRecovery();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(SourceKey);
        var source = sources.Value.Items.FirstOrDefault(s => s.Name == name);
        if (source is null)
        {
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone);
        var local = TimeZoneInfo.ConvertTime(context.ScheduledFireTimeUtc ?? clock.GetUtcNow(), zone).DateTime;
        var period = SourcePlan.PeriodFor(local, source.PeriodLagMonths);
        var periods = SourcePlan.PeriodsToFetch(period, source.LookbackMonths, p => Deadlines.Delivered(state.Get(source.Name, p.Code)));
        LogRun(source.Name, period.Code, context.Trigger is ICronTrigger && context.ScheduledFireTimeUtc is { } fire ? fire.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "now: a catch-up or on demand");
        var items = await collector.CollectAsync(source, periods, cancellationToken).ConfigureAwait(false);
        if (items.Any(i => i.Outcome == CollectedItem.Saved))
        {
            inbox.Request();
        }

        foreach (var late in deadlines.Overdue().Where(o => o.Source == source.Name))
        {
            LogLate(late.Source, late.Period.Code, late.Due);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: the file for {Period} was due {Due} and has not arrived")]
    private partial void LogLate(string source, string period, DateOnly due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collecting {Source} for {Period} (scheduled {Fire})")]
    private partial void LogRun(string source, string period, string fire);
}
