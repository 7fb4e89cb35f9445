using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Hosting;

/// <summary>The real process: started, files dropped, SIGTERM in the middle, started again — nothing lost, nothing twice.</summary>
public class GracefulStopTests
{
    [Fact]
    public async Task SIGTERM_mid_run_then_a_restart_ingests_every_file_exactly_once()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data);
        Directory.CreateDirectory(folders.Inbox);
        string[] layouts = ["nbs_monthly_2023-12.xlsx", "province_industry_2022-06.xlsx", "gdp_annual_2021_final.xlsx", "portal_monthly_2023.xlsx",
            "industry_scale_2021-2022.xlsx", "gdp_quarterly_2022.xlsx", "city_regions_2022-06.xlsx", "nbs_monthly_2023-02.xlsx"];

        using (var first = ServiceProcess.Start(data))
        {
            await first.Started();
            foreach (var f in layouts)
            {
                File.Copy(Fixtures.Path("layouts/" + f), Path.Combine(folders.Inbox, f));
            }

            await RunningService.WaitUntil(() => Ingested(folders) >= 1, "the first file ingested");
            var code = first.Terminate();
            Assert.True(code == 0, $"exit {code}: {first.Log}");
        }

        var afterStop = Ingested(folders);
        using (var second = ServiceProcess.Start(data))
        {
            await second.Started();
            await RunningService.WaitUntil(() => Ingested(folders) == layouts.Length && !Directory.EnumerateFiles(folders.Inbox).Any() && !Directory.EnumerateFiles(folders.Work).Any(),
                "every file ingested after the restart", 60);
            var code = second.Terminate();
            Assert.True(code == 0, $"exit {code}: {second.Log}");
            Assert.Matches(@"Ingested \S+ as vintage \d+ \(layout [^)]+\): observations added \d+, unchanged \d+", second.Log);
        }

        var store = new ObservationStore(folders.DatabasePath);
        Assert.Equal(layouts.Order(StringComparer.Ordinal), store.Files().Select(f => f.FileName).Order(StringComparer.Ordinal));
        Assert.All(store.Deliveries(), d => Assert.Equal(DeliveryOutcome.Ingested, d.Outcome));
        Assert.Equal(layouts.Length, store.Deliveries().Count);
        Assert.Empty(Directory.GetFiles(folders.Quarantine));
        Assert.InRange(afterStop, 1, layouts.Length);
    }

    /// <summary>Files archived as ingested: counted on disk, so the test never competes with the service for the database.</summary>
    private static int Ingested(DataFolders folders) =>
        Directory.Exists(folders.Archive)
            ? Directory.GetFiles(folders.Archive, "*", SearchOption.AllDirectories).Count(f => !f.Contains("duplicates", StringComparison.Ordinal))
            : 0;
}
