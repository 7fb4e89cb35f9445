using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Collect;
using StatsIngest.Monitoring;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Collect;

/// <summary>The health and metrics endpoint of the running service, and a late file turning health degraded.</summary>
public class MonitoringTests
{
    [Fact]
    public async Task Health_turns_degraded_when_a_file_is_late_and_metrics_count_what_was_ingested()
    {
        await using var site = await BureauSite.StartAsync(); // publishes nothing: every month is 404
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Url"] = "http://127.0.0.1:0",
            ["Sources:0:Name"] = "bureau",
            ["Sources:0:Url"] = site.UrlTemplate,
            ["Sources:0:Schedule"] = "0 0 10 15-25 * ?",
            ["Sources:0:ExpectedBy"] = "day 1 of the following month",
            ["Sources:0:LookbackMonths"] = "1",
        });
        var address = service.Host.Services.GetRequiredService<MonitoringEndpoint>().Address!;
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        // The catch-up run at start asks for last month: 404, and it was due on the 1st.
        await RunningService.WaitUntil(() => site.Requests.Any(r => r.Status == 404), "the catch-up collection");
        var late = service.Host.Services.GetRequiredService<Deadlines>().Overdue();
        var overdue = Assert.Single(late);
        Assert.Equal("bureau", overdue.Source);

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var sources = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sources");
        Assert.Contains($"bureau: the file for {overdue.Period.Code} was due", sources.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database").GetProperty("status").GetString());
        var cluster = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "cluster");
        Assert.Equal(("Healthy", "False"), (cluster.GetProperty("status").GetString(), cluster.GetProperty("data").GetProperty("clustered").GetString()));

        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(1);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var instance = $"statsingest_instance=\"{service.Host.Services.GetRequiredService<StatsIngest.Domain.ICluster>().InstanceId}\"";
        Assert.Contains("# TYPE statsingest_files_ingested_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains($"statsingest_files_ingested_total{{{instance}}} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"statsingest_observations_written_total{{{instance}}} 12\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"statsingest_collection_attempts_total{{source=\"bureau\",{instance}}} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"statsingest_ingest_duration_count{{{instance}}} 1\n", metrics, StringComparison.Ordinal);

        // The late period is marked missing in the workbook's 来源 sheet.
        await RunningService.WaitUntil(() => File.Exists(Path.Combine(service.Folders.Out, "latest.xlsx")), "the workbook");
        var wb = new WorkbookContent(Path.Combine(service.Folders.Out, "latest.xlsx"));
        Assert.Single(wb.RowsWith(SummaryWorkbookWriter.SourcesSheet, "bureau", "缺失"));
    }
}
