using System.Diagnostics;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Hosting;

/// <summary>The real process: started, files dropped, SIGTERM in the middle, started again — nothing lost, nothing twice.</summary>
public class GracefulStopTests
{
    private static readonly System.Text.StringBuilder Log = new();

    private static Process Start(string data)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
        {
            typeof(StatsIngestCli).Assembly.Location, "run", "--data", data, "--Data:SeedSamples=false",
            "--Inbox:QuietPeriodSeconds=0.2", "--Inbox:RescanIntervalSeconds=1", "--Service:ShutdownTimeoutSeconds=20",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { lock (Log) { Log.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (Log) { Log.AppendLine(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static int Terminate(Process p)
    {
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "the service stopped within its shutdown timeout");
        return p.ExitCode;
    }

    [Fact]
    public async Task SIGTERM_mid_run_then_a_restart_ingests_every_file_exactly_once()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data);
        Directory.CreateDirectory(folders.Inbox);
        string[] layouts = ["nbs_monthly_2023-12.xlsx", "province_industry_2022-06.xlsx", "gdp_annual_2021_final.xlsx", "portal_monthly_2023.xlsx",
            "industry_scale_2021-2022.xlsx", "gdp_quarterly_2022.xlsx", "city_regions_2022-06.xlsx", "nbs_monthly_2023-02.xlsx"];

        using (var first = Start(data))
        {
            await RunningService.WaitUntil(() => { lock (Log) { return Log.ToString().Contains("Watching", StringComparison.Ordinal); } }, "the service started");
            foreach (var f in layouts)
            {
                File.Copy(Fixtures.Path("layouts/" + f), Path.Combine(folders.Inbox, f));
            }

            await RunningService.WaitUntil(() => Ingested(folders) >= 1, "the first file ingested");
            var code = Terminate(first);
            Assert.True(code == 0, $"exit {code}: {Log}");
        }

        var afterStop = Ingested(folders);
        var before = Log.Length;
        using (var second = Start(data))
        {
            // SIGTERM before the host has set up its signal handling would kill it like any process: wait for it.
            await RunningService.WaitUntil(() => { lock (Log) { return Log.ToString(before, Log.Length - before).Contains("Watching", StringComparison.Ordinal); } }, "the second start");
            await RunningService.WaitUntil(() => Ingested(folders) == layouts.Length && !Directory.EnumerateFiles(folders.Inbox).Any() && !Directory.EnumerateFiles(folders.Work).Any(),
                "every file ingested after the restart", 60);
            var code = Terminate(second);
            Assert.True(code == 0, $"exit {code}: {Log}");
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
