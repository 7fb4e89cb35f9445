using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Collect;
using StatsIngest.Monitoring;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Collect;

/// <summary>
/// The whole story: the running service collects a year of monthly files from a local stand-in for the
/// bureau on a fast schedule, survives injected failures, reports the file that is late, and stops cleanly.
/// </summary>
public class YearOfCollectionTests
{
    [Fact]
    public async Task The_service_collects_a_year_survives_failures_reports_the_late_month_and_stops_cleanly()
    {
        await using var site = await BureauSite.StartAsync();
        var target = BureauSite.ScheduledPeriod();
        var months = new List<Domain.ReportingPeriod> { target };
        for (var i = 1; i < 12; i++)
        {
            months.Add(months[^1].Previous());
        }

        // Eleven months are published; the latest is late. One month fails five times, another is cut off twice.
        foreach (var m in months.Skip(1))
        {
            site.Published[m.Code] = 3 + (m.Number / 10.0);
        }

        site.Fail(months[3].Code, "503", "503", "503", "503", "503");
        site.Fail(months[6].Code, "cut", "cut");
        using var tmp = new TempFolder();
        var service = await RunningService.StartAsync(tmp.Path, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Url"] = "http://127.0.0.1:0",
            ["Sources:0:Name"] = "bureau",
            ["Sources:0:Url"] = site.UrlTemplate,
            ["Sources:0:Schedule"] = "0/2 * * * * ?",
            ["Sources:0:LookbackMonths"] = "12",
            ["Sources:0:Retries"] = "2",
            ["Sources:0:RetryDelaySeconds"] = "0.05",
            ["Sources:0:ExpectedBy"] = "day 1 of the following month",
        });
        await using (service)
        {
            await RunningService.WaitUntil(() => service.Store.Files().Count == 11 && !Directory.EnumerateFiles(service.Folders.Inbox).Any(), "eleven months collected", 60);

            Assert.Equal(months.Skip(1).Select(m => $"bureau_{m.Code}.csv").Order(StringComparer.Ordinal), service.Store.Files().Select(f => f.FileName).Order(StringComparer.Ordinal));
            Assert.Equal(5, site.Count(months[3].Code, 503));
            Assert.Empty(Directory.GetFiles(service.Folders.Quarantine));

            var late = Assert.Single(service.Host.Services.GetRequiredService<Deadlines>().Overdue());
            Assert.Equal(target, late.Period);
            using var http = new HttpClient { BaseAddress = new Uri(service.Host.Services.GetRequiredService<MonitoringEndpoint>().Address!) };
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
            Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        }

        // Disposed: the host stopped within its shutdown timeout; nothing is left half-done.
        Assert.Empty(Directory.GetFiles(Path.Combine(tmp.Path, "work")));
        Assert.Empty(Directory.GetFiles(Path.Combine(tmp.Path, "tmp")));
    }
}
