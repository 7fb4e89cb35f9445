using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Collect;

/// <summary>Collecting from a real HTTP server on 127.0.0.1 with <c>statsingest collect</c>, failures injected.</summary>
public class HttpCollectionTests
{
    private static (int Code, string Out, string Err) Collect(TempFolder tmp, BureauSite site, params string[] more)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args =
        [
            "collect", "--data", tmp.File("data"),
            "--Sources:0:Name=bureau", "--Sources:0:Kind=http", $"--Sources:0:Url={site.UrlTemplate}",
            "--Sources:0:RetryDelaySeconds=0.05", "--Sources:0:Retries=3", "--Sources:0:AttemptTimeoutSeconds=10", "--Sources:0:TotalTimeoutSeconds=40",
            .. more,
        ];
        var code = StatsIngestCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static ObservationStore Store(TempFolder tmp) => new(new DataFolders(tmp.File("data")).DatabasePath);

    [Fact]
    public async Task A_year_of_monthly_files_is_collected_ingested_once_and_named_by_source_and_period()
    {
        await using var site = await BureauSite.StartAsync();
        for (var m = 2; m <= 12; m++)
        {
            site.Published[$"2023-{m:D2}"] = 3 + (m / 10.0);
        }

        using var tmp = new TempFolder();
        var (code, output, _) = Collect(tmp, site, "--from", "2023-01", "--to", "2023-12");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Contains("not-found   bureau 2023-01: 404: not published yet", output, StringComparison.Ordinal);
        var files = Store(tmp).Files().Select(f => f.FileName).ToArray();
        Assert.Equal(Enumerable.Range(2, 11).Select(m => $"bureau_2023-{m:D2}.csv"), files);
        var dec = Store(tmp).LatestObservations().Single(o => o.Period.Code == "2023-12");
        Assert.Equal(4.2, dec.Value);

        // Run again: the server answers 304 to the ETag, nothing is saved or stored twice.
        var again = Collect(tmp, site, "--from", "2023-02", "--to", "2023-12");
        Assert.Equal(StatsIngestCli.Ok, again.Code);
        Assert.Equal(11, again.Out.Split('\n').Count(l => l.StartsWith("unchanged", StringComparison.Ordinal)));
        Assert.Equal(11, site.Requests.Count(r => r.Status == 304));
        Assert.Equal(11, Store(tmp).Files().Count);
    }

    [Fact]
    public async Task Two_503s_then_200_succeeds_after_retries()
    {
        await using var site = await BureauSite.StartAsync();
        site.Published["2023-03"] = 3.9;
        site.Fail("2023-03", "503", "503");
        using var tmp = new TempFolder();

        var (code, output, _) = Collect(tmp, site, "--period", "2023-03");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(2, site.Count("2023-03", 503));
        Assert.Equal(1, site.Count("2023-03", 200));
        Assert.Equal(3.9, Store(tmp).LatestObservations().Single().Value);
    }

    [Fact]
    public async Task A_429_waits_for_the_Retry_After_the_server_gives()
    {
        await using var site = await BureauSite.StartAsync();
        site.Published["2023-04"] = 5.6;
        site.Fail("2023-04", "429");
        using var tmp = new TempFolder();

        var (code, output, _) = Collect(tmp, site, "--period", "2023-04");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(1, site.Count("2023-04", 429));
        Assert.Equal(1, site.Count("2023-04", 200));

        // The retry came no sooner than the server asked (Retry-After: 1): a behaviour, not a speed claim.
        var april = site.Arrivals.Where(a => a.Path == "/data/2023/04.csv").Select(a => a.At).ToArray();
        Assert.True(april[1] - april[0] >= 950, $"the retry waited {april[1] - april[0]} ms");
    }

    [Fact]
    public async Task A_server_that_hangs_is_cut_off_by_the_attempt_timeout_and_retried()
    {
        await using var site = await BureauSite.StartAsync();
        site.Published["2023-05"] = 3.5;
        site.Fail("2023-05", "hang");
        using var tmp = new TempFolder();

        var (code, output, _) = Collect(tmp, site, "--period", "2023-05", "--Sources:0:AttemptTimeoutSeconds=2");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.True(site.Count("2023-05", 0) >= 1, "the hanging request was made");
        Assert.Equal(3.5, Store(tmp).LatestObservations().Single().Value);
    }

    [Fact]
    public async Task A_cut_off_body_is_never_ingested_and_is_fetched_again()
    {
        await using var site = await BureauSite.StartAsync();
        site.Published["2023-06"] = 4.4;
        site.Published["2023-07"] = 3.7;
        site.Fail("2023-06", "cut");
        site.Fail("2023-07", "cut", "cut", "cut", "cut");
        using var tmp = new TempFolder();

        var (code, output, _) = Collect(tmp, site, "--from", "2023-06", "--to", "2023-07");

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("saved       bureau 2023-06", output, StringComparison.Ordinal);
        Assert.Contains("failed      bureau 2023-07", output, StringComparison.Ordinal);
        Assert.Equal(["bureau_2023-06.csv"], Store(tmp).Files().Select(f => f.FileName));
        Assert.Empty(Directory.GetFiles(tmp.File("data/inbox")));
        Assert.Empty(Directory.GetFiles(tmp.File("data/tmp")));
        Assert.Empty(Directory.GetFiles(tmp.File("data/quarantine")));
    }

    [Fact]
    public async Task A_source_that_keeps_failing_opens_its_circuit_and_is_not_asked_again()
    {
        await using var site = await BureauSite.StartAsync();
        for (var m = 1; m <= 5; m++)
        {
            site.Published[$"2023-{m:D2}"] = 1;
            site.Fail($"2023-{m:D2}", "503");
        }

        using var tmp = new TempFolder();
        var (code, output, _) = Collect(tmp, site, "--from", "2023-01", "--to", "2023-05", "--Sources:0:Retries=0");

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Equal(3, site.Requests.Count(r => r.Status == 503)); // three failures in a row open the circuit
        Assert.Equal(0, site.Requests.Count(r => r.Path.EndsWith("04.csv", StringComparison.Ordinal) || r.Path.EndsWith("05.csv", StringComparison.Ordinal)));
        Assert.Contains("failed      bureau 2023-05: the source failed repeatedly: its circuit is open, no request was sent", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_file_name_from_the_server_is_ignored()
    {
        await using var site = await BureauSite.StartAsync();
        site.Published["2023-08"] = 4.5;
        site.Fail("2023-08", "hostile");
        using var tmp = new TempFolder();

        var (code, output, _) = Collect(tmp, site, "--period", "2023-08");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(["bureau_2023-08.csv"], Store(tmp).Files().Select(f => f.FileName));
        Assert.Empty(Directory.GetFiles(tmp.Path, "passwd", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("--Sources:0:Schedule=every day", "Configuration error: Sources:0:Schedule = 'every day' is not allowed: give a Quartz cron expression with seconds, e.g. '0 0 10 15-25 * ?' (10:00 on the 15th to the 25th).")]
    [InlineData("--Sources:0:TimeZone=Mars/Olympus", "Configuration error: Sources:0:TimeZone = 'Mars/Olympus' is not allowed: give an IANA time zone such as Asia/Shanghai.")]
    [InlineData("--Sources:0:Url=ftp//nowhere", "Configuration error: Sources:0:Url = 'ftp//nowhere' is not allowed: give an absolute http(s) address; {yyyy}, {MM}, {M}, {yyyyMM} and {period} are replaced by the period.")]
    public void A_bad_source_setting_stops_the_service_with_one_line(string setting, string expected)
    {
        using var tmp = new TempFolder();
        var stderr = new StringWriter();

        var code = StatsIngestCli.Run(["run", "--data", tmp.Path, "--Sources:0:Name=bureau", "--Sources:0:Url=http://127.0.0.1/x.csv", setting], new StringWriter(), stderr);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        Assert.Equal(expected, stderr.ToString().Trim());
    }
}
