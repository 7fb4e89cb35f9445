using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Collect;

/// <summary>Collection on a schedule inside the running service, and folder sources.</summary>
public class ScheduledCollectionTests
{
    [Fact]
    public async Task A_fast_schedule_runs_once_per_fire_never_overlaps_and_stores_the_file_once()
    {
        await using var site = await BureauSite.StartAsync();
        var period = BureauSite.ScheduledPeriod();
        site.Published[period.Code] = 6.8;
        site.Fail(period.Code, "slow"); // every request is held until released: fires every second would overlap if allowed
        using var tmp = new TempFolder();

        await using (var service = await RunningService.StartAsync(tmp.Path, settings: new Dictionary<string, string?>
        {
            ["Sources:0:Name"] = "bureau",
            ["Sources:0:Url"] = site.UrlTemplate,
            ["Sources:0:Schedule"] = "0/1 * * * * ?",
            ["Sources:0:AttemptTimeoutSeconds"] = "10",
            ["Sources:0:LookbackMonths"] = "1",
        }))
        {
            // The first run is held by the site; the scheduler must let a due fire pass rather than start a second run.
            await RunningService.WaitUntil(() => site.InFlight == 1, "the first run asking");
            var scheduler = await service.Host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
            var trigger = new Quartz.TriggerKey("bureau", CollectJob.Group);
            await RunningService.WaitUntil(
                () => scheduler.GetTrigger(trigger).AsTask().Result?.NextFireTimeUtc is { } next && next < TimeProvider.System.GetUtcNow().AddSeconds(-1.5),
                "a fire due while the first run is held");
            Assert.Equal(1, site.MaxInFlight);
            site.ReleaseSlow();

            await service.WaitForDeliveries(1);
            await RunningService.WaitUntil(() => site.Requests.Count(r => r.Path.EndsWith(".csv", StringComparison.Ordinal)) >= 3, "three scheduled runs");
            Assert.Single(service.Store.Files());
            Assert.Equal($"bureau_{period.Code}.csv", service.Store.Files()[0].FileName);
        }

        Assert.Equal(1, site.MaxInFlight);
        Assert.Equal(1, site.Requests.Count(r => r.Status == 200));
        Assert.True(site.Requests.Count(r => r.Status == 304) >= 2, "later runs asked with the ETag and got 304");
    }

    [Fact]
    public async Task A_source_that_ran_after_its_last_scheduled_time_is_not_run_again_at_start()
    {
        await using var site = await BureauSite.StartAsync();
        using var tmp = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Sources:0:Name"] = "bureau",
            ["Sources:0:Url"] = site.UrlTemplate,
            ["Sources:0:Schedule"] = "0 0 10 1 1 ? 2099", // next fire far away; none since the run below
            ["Sources:0:LookbackMonths"] = "1",
        };
        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(
            ["collect", "--data", tmp.Path, .. settings.Select(kv => $"--{kv.Key}={kv.Value}")], new StringWriter(), new StringWriter()));
        var before = site.Requests.Count;

        await using (var service = await RunningService.StartAsync(tmp.Path, settings: settings))
        {
            // The catch-up decides once at start: wait for that decision, not for time to pass.
            var catchUp = service.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CollectionCatchUp>().Single();
            await catchUp.ExecuteTask!;
            Assert.Empty(catchUp.CaughtUp);
        }

        Assert.Equal(before, site.Requests.Count);
    }

    [Fact]
    public void A_folder_source_that_goes_offline_is_reported_and_collected_when_it_comes_back()
    {
        using var tmp = new TempFolder();
        var share = tmp.File("share");
        Directory.CreateDirectory(share);
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(share, "国民经济核算.csv"));
        File.WriteAllText(Path.Combine(share, "readme.txt"), "not data");
        string[] settings = ["--Sources:0:Name=share", "--Sources:0:Kind=folder", $"--Sources:0:Path={share}", "--Sources:0:Include:0=*.csv",
            "--Sources:0:RetryDelaySeconds=0.01", "--Sources:0:Retries=2"];
        (int Code, string Out) Collect()
        {
            var stdout = new StringWriter();
            var code = StatsIngestCli.Run(["collect", "--data", tmp.File("data"), .. settings], stdout, new StringWriter());
            return (code, stdout.ToString());
        }

        var first = Collect();
        Assert.True(first.Code == StatsIngestCli.Ok, first.Out);
        Assert.Contains("saved       share 国民经济核算.csv", first.Out, StringComparison.Ordinal);
        Assert.Equal(["share_国民经济核算.csv"], new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath).Files().Select(f => f.FileName));

        Directory.Move(share, share + ".offline");
        var offline = Collect();
        Assert.Equal(StatsIngestCli.FileProblems, offline.Code);
        Assert.Contains($"failed      share *: the folder {share} is not reachable", offline.Out, StringComparison.Ordinal);

        Directory.Move(share + ".offline", share);
        File.Copy(Fixtures.Sample(Fixtures.Final2021), Path.Combine(share, "最终核实.csv"));
        var back = Collect();
        Assert.True(back.Code == StatsIngestCli.Ok, back.Out);
        Assert.Contains("saved       share 最终核实.csv", back.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("国民经济核算.csv", back.Out, StringComparison.Ordinal);
        Assert.Equal(2, new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath).Files().Count);
    }
}
