using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Faults;

/// <summary>The real process ends the way a service manager understands: non-zero when it can not go on, with the files kept.</summary>
[Trait("Category", "Fault")]
public class ServiceExitTests
{
    [Fact]
    public async Task A_database_damaged_under_the_running_service_stops_it_with_exit_74_and_the_file_waits_unharmed()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data);
        using var service = ServiceProcess.Start(data);
        await service.Started();
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(folders.Inbox, Fixtures.Preliminary));
        await RunningService.WaitUntil(() => File.Exists(Path.Combine(folders.Out, "latest.xlsx")), "the first file ingested");

        foreach (var part in Directory.GetFiles(data, "statsingest.db*"))
        {
            File.WriteAllBytes(part, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251))]);
        }

        File.Copy(Fixtures.Sample(Fixtures.Final2021), Path.Combine(folders.Inbox, Fixtures.Final2021));
        var code = service.WaitForExit(60);

        Assert.True(code == StatsIngestCli.StoreError, $"exit {code}:\n{service.Log}");
        Assert.Contains("Store error: the database", service.Log, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folders.Quarantine));
        var waiting = Directory.GetFiles(folders.Work).Where(f => !f.Contains(".claim", StringComparison.Ordinal)).Concat(Directory.GetFiles(folders.Inbox)).ToArray();
        var kept = Assert.Single(waiting);
        Assert.Equal(FileHash.Sha256(Fixtures.Sample(Fixtures.Final2021)), FileHash.Sha256(kept));
        Assert.Equal(0, new StatsIngest.Ingest.WorkArea(folders, TimeProvider.System).Attempts(kept));
    }
}
