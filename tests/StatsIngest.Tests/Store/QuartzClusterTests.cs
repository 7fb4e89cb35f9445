using System.Collections.Concurrent;
using Quartz;
using StatsIngest.Store.Postgres;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>
/// Quartz's clustered ADO job store on the tables the PostgreSQL migrations create: two schedulers on one database fire
/// each scheduled time once between them, and when one stops the other keeps firing. Real time (Quartz's cluster runs
/// on the database clock), a few seconds; its own category.
/// </summary>
[Trait("Category", "Cluster")]
public class QuartzClusterTests
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<(DateTimeOffset Scheduled, string Instance)>> Fired = new();

    public sealed class CountingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.GetOrAdd(context.JobDetail.Key.Name, _ => []).Add((context.ScheduledFireTimeUtc ?? default, context.Scheduler.SchedulerInstanceId));
            return ValueTask.CompletedTask;
        }
    }

    [SkippableFact]
    public async Task Two_instances_fire_each_time_once_and_one_keeps_firing_when_the_other_stops()
    {
        using var db = PostgresDatabase.Create();
        PostgresSchema.Apply(db.ConnectionString);
        var a = await Scheduler(db.ConnectionString, "node-a");
        var b = await Scheduler(db.ConnectionString, "node-b");
        var name = "count-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await a.ScheduleJob(
                JobBuilder.Create<CountingJob>().WithIdentity(name).Build(),
                TriggerBuilder.Create().WithIdentity(name).StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(250)).RepeatForever()).Build());
            await Until(() => Fires(name).Count >= 12, TimeSpan.FromSeconds(30));

            var fires = Fires(name);
            Assert.All(fires.GroupBy(f => f.Scheduled), g => Assert.Single(g));
            Assert.Equal(2L, db.Scalar("SELECT COUNT(*) FROM qrtz_scheduler_state"));

            await a.Shutdown(waitForJobsToComplete: true);
            var stoppedAt = TimeProvider.System.GetUtcNow();
            await Until(() => Fires(name).Count(f => f.Scheduled > stoppedAt.AddSeconds(1)) >= 4, TimeSpan.FromSeconds(30));

            var after = Fires(name).Where(f => f.Scheduled > stoppedAt.AddSeconds(1)).ToArray();
            Assert.All(after, f => Assert.Equal("node-b", f.Instance));
            Assert.All(Fires(name).GroupBy(f => f.Scheduled), g => Assert.Single(g));

            // Quartz leaves a stopped scheduler's row; the survivor's cluster check finds it silent and removes it.
            await Until(() => (string?)db.Scalar("SELECT string_agg(instance_name, ',') FROM qrtz_scheduler_state") == "node-b", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await a.Shutdown(false);
            await b.Shutdown(false);
        }
    }

    private static List<(DateTimeOffset Scheduled, string Instance)> Fires(string name) =>
        Fired.TryGetValue(name, out var bag) ? [.. bag] : [];

    private static async Task Until(Func<bool> condition, TimeSpan limit)
    {
        var deadline = TimeProvider.System.GetUtcNow() + limit;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"not reached within {limit.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    private static async Task<IScheduler> Scheduler(string connectionString, string instance)
    {
        var properties = QuartzStore.Properties(connectionString, instance, TimeSpan.FromSeconds(1));
        var scheduler = await QuartzSchedulerBuilder.Create(_ => { }).UseProperties(properties).BuildScheduler();
        await scheduler.Start();
        return scheduler;
    }
}
