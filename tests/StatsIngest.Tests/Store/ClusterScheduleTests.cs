using System.Globalization;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>
/// A source on a cron schedule in a two-instance cluster (two real service processes on one PostgreSQL and one data
/// folder, Quartz's clustered job store): each scheduled fire is collected by one instance; with one instance stopped,
/// the other keeps firing; the run the source never had is caught up once, not once per instance.
/// </summary>
[Trait("Category", "Cluster")]
public class ClusterScheduleTests
{
    [SkippableFact]
    public async Task Each_fire_is_collected_once_and_the_survivor_keeps_firing()
    {
        using var db = PostgresDatabase.Create();
        await using var site = await BureauSite.StartAsync();
        var period = BureauSite.ScheduledPeriod();
        site.Published[period.Code] = 6.8;
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        string[] settings =
        [
            "--Store:Provider=postgres", "--ConnectionStrings:StatsIngest=" + db.ConnectionString, "--Cluster:CheckinSeconds=1", "--Cluster:LeaseSeconds=4",
            "--Sources:0:Name=bureau", "--Sources:0:Url=" + site.UrlTemplate, "--Sources:0:Schedule=* * * * * ?",
            "--Sources:0:LookbackMonths=1", "--Sources:0:AttemptTimeoutSeconds=10",
        ];
        // The second instance joins a cluster that is already firing (a rolling restart): the trigger it declares must not
        // replace the stored one (the replacement was due again at the second the first instance had just fired), and
        // the fire it sees due a moment ago is the first instance's to run, not a missed run to catch up.
        using var first = ServiceProcess.Start(data, [.. settings, "--Cluster:InstanceId=node1", "--Monitoring:Url=http://127.0.0.1:0"]);
        await first.Started();
        await RunningService.WaitUntil(() => Scheduled(first.Log).Any(), "a first fire on the first instance", 60);
        using var second = ServiceProcess.Start(data, [.. settings, "--Cluster:InstanceId=node2"]);
        await second.Started();
        var bothRunning = TimeProvider.System.GetUtcNow();

        await RunningService.WaitUntil(() => After(Scheduled(first.Log).Concat(Scheduled(second.Log)), bothRunning) >= 4, "four scheduled fires with both instances", 60);
        var health = await Health(first);
        Assert.Contains("instance node1, 2 of 2 instance(s) alive", health, StringComparison.Ordinal);
        Assert.Contains("\"member node2\":\"alive, last check-in", health, StringComparison.Ordinal);
        Assert.Equal(0, first.Terminate());
        var stopped = TimeProvider.System.GetUtcNow();
        await RunningService.WaitUntil(() => After(Scheduled(second.Log), stopped) >= 3, "three fires after one instance stopped", 60);
        Assert.Equal(0, second.Terminate());

        // Each scheduled time collected by one instance: no fire in both logs, none twice in one (a fire a moment late still counts once).
        var fires = Scheduled(first.Log).Concat(Scheduled(second.Log)).ToArray();
        Assert.True(fires.Length >= 8 && After(fires, bothRunning) >= 7, string.Join(", ", fires));
        Assert.Equal(fires.Distinct().Order(), fires.Order());
        Assert.True(After(Scheduled(second.Log), stopped) >= 3, second.Log);
        Assert.Equal(1L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM files"), CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM collection_catch_up WHERE source = 'bureau'"), CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task A_schedule_changed_in_the_configuration_replaces_the_one_the_cluster_kept()
    {
        using var db = PostgresDatabase.Create();
        await using var site = await BureauSite.StartAsync();
        site.Published[BureauSite.ScheduledPeriod().Code] = 6.8;
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        using (var every = ServiceProcess.Start(data, [.. OneInstance(db), .. Source(0, "bureau", site, "* * * * * ?")]))
        {
            await every.Started();
            await RunningService.WaitUntil(() => Scheduled(every.Log).Count() >= 2, "two fires every second", 60);
            Assert.Equal(0, every.Terminate());
            Assert.DoesNotContain("is replaced by the configured", every.Log, StringComparison.Ordinal);
        }

        using var restarted = ServiceProcess.Start(data, [.. OneInstance(db), .. Source(0, "bureau", site, "0/4 * * * * ?")]);
        await restarted.Started();
        await RunningService.WaitUntil(() => Scheduled(restarted.Log).Count() >= 2, "two fires every fourth second", 60);
        Assert.Equal(0, restarted.Terminate());
        Assert.Contains("the cluster's schedule * * * * * ? (Asia/Shanghai) is replaced by the configured 0/4 * * * * ? (Asia/Shanghai)", restarted.Log, StringComparison.Ordinal);
        Assert.All(Scheduled(restarted.Log), f => Assert.Equal(0, int.Parse(f[^2..], CultureInfo.InvariantCulture) % 4));
    }

    [SkippableFact]
    public async Task A_source_the_configuration_no_longer_schedules_stops_firing_in_the_cluster()
    {
        using var db = PostgresDatabase.Create();
        await using var site = await BureauSite.StartAsync();
        site.Published[BureauSite.ScheduledPeriod().Code] = 6.8;
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        string[] kept = [.. OneInstance(db), .. Source(0, "bureau", site, "* * * * * ?")];
        using (var both = ServiceProcess.Start(data, [.. kept, .. Source(1, "retired", site, "* * * * * ?")]))
        {
            await both.Started();
            await RunningService.WaitUntil(() => Scheduled(both.Log, "retired").Any(), "a fire of the source to be removed", 60);
            Assert.Equal(0, both.Terminate());
        }

        Assert.Equal(2L, Retired(db)); // its trigger and its job
        using var restarted = ServiceProcess.Start(data, kept);
        await restarted.Started();
        await RunningService.WaitUntil(() => Scheduled(restarted.Log).Count() >= 2, "two fires of the source kept", 60);
        Assert.Equal(0, restarted.Terminate());
        Assert.Contains("Source retired: the configuration no longer schedules it; its job and trigger are removed from the cluster", restarted.Log, StringComparison.Ordinal);
        Assert.Equal(0L, Retired(db));
        Assert.Empty(Scheduled(restarted.Log, "retired"));
    }

    /// <summary>One instance of a cluster on <paramref name="db"/>.</summary>
    private static string[] OneInstance(PostgresDatabase db) =>
        ["--Store:Provider=postgres", "--ConnectionStrings:StatsIngest=" + db.ConnectionString, "--Cluster:InstanceId=node1"];

    /// <summary>The settings of source number <paramref name="i"/>: the bureau's site, a month back, on a schedule.</summary>
    private static string[] Source(int i, string name, BureauSite site, string schedule) =>
        [$"--Sources:{i}:Name={name}", $"--Sources:{i}:Url={site.UrlTemplate}", $"--Sources:{i}:LookbackMonths=1", $"--Sources:{i}:Schedule={schedule}"];

    /// <summary>How many triggers and jobs of the source named retired the cluster stores.</summary>
    private static long Retired(PostgresDatabase db) =>
        Convert.ToInt64(db.Scalar("SELECT (SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'retired') + (SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'retired')"), CultureInfo.InvariantCulture);

    /// <summary>The scheduled times a service's log says it collected for.</summary>
    private static IEnumerable<string> Scheduled(string log, string source = "bureau") =>
        System.Text.RegularExpressions.Regex.Matches(log, $@"Collecting {source} for [0-9-]+ \(scheduled ([0-9: -]+)Z\)").Select(m => m.Groups[1].Value);

    /// <summary>The /health answer of a service process (its address from its log).</summary>
    private static async Task<string> Health(ServiceProcess service)
    {
        var address = System.Text.RegularExpressions.Regex.Match(service.Log, @"health and metrics on (http://127\.0\.0\.1:\d+)").Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        return await http.GetStringAsync(new Uri("/health", UriKind.Relative));
    }

    /// <summary>How many of the scheduled times are after a moment.</summary>
    private static int After(IEnumerable<string> fires, DateTimeOffset moment) =>
        fires.Count(f => string.CompareOrdinal(f, moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) > 0);
}
