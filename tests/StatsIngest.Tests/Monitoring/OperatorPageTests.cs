using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;
using StatsIngest.Monitoring;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Monitoring;

/// <summary>The operator's page of the running service, opened in a real headless Chromium (Debian's chromium).</summary>
public class OperatorPageTests
{
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser, or a skip with the reason: CI installs chromium; a machine without it says so.</summary>
    public static async Task<IBrowser> LaunchChromium()
    {
        var path = Environment.GetEnvironmentVariable("STATSINGEST_CHROMIUM") ?? ChromiumPaths.FirstOrDefault(File.Exists);
        if (path is null && Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_CHROMIUM") == "1")
        {
            Assert.Fail("CI installs Debian's chromium, but it is not at " + string.Join(", ", ChromiumPaths));
        }

        Skip.If(path is null, "no Chromium here (apt-get install chromium, or set STATSINGEST_CHROMIUM); .ci/run installs it");
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--lang=zh-CN"],
        });
    }

    [SkippableFact]
    public async Task The_page_shows_health_today_s_files_a_quarantined_file_s_reason_and_downloads_the_workbook()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.File("data"), settings: new Dictionary<string, string?> { ["Monitoring:Url"] = "http://127.0.0.1:0" });
        var address = service.Host.Services.GetRequiredService<MonitoringEndpoint>().Address!;
        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        var bad = tmp.File("坏<script>.csv");
        File.Copy(Fixtures.Path("bad_values_and_indicator.csv"), bad);
        service.Drop(bad);
        await service.WaitForDeliveries(2);
        await RunningService.WaitUntil(() => File.Exists(Path.Combine(service.Folders.Out, "latest.xlsx")), "the workbook");

        await using var browser = await LaunchChromium();
        var downloads = tmp.File("downloads");
        Directory.CreateDirectory(downloads);
        await using var context = await browser.CreateBrowserContextAsync(new BrowserContextOptions
        {
            DownloadBehavior = new DownloadBehavior { Policy = DownloadPolicy.Allow, DownloadPath = downloads },
        });
        await using var page = await context.NewPageAsync();
        var response = await page.GoToAsync(address + "/");

        Assert.True(response.Ok, $"HTTP {response.Status}");
        var text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
        Assert.Contains("StatsIngest 运行情况", text, StringComparison.Ordinal);
        Assert.Contains("今日接收 Received today (2)", text, StringComparison.Ordinal);
        Assert.Contains(Fixtures.Preliminary, text, StringComparison.Ordinal);
        Assert.Contains("已隔离 Quarantined (1)", text, StringComparison.Ordinal);
        Assert.Contains("坏<script>.csv", text, StringComparison.Ordinal); // shown as text, not run
        var reason = await page.EvaluateExpressionAsync<string>("document.querySelector('#quarantine .reason').innerText");
        Assert.StartsWith("sheet 'CSV', row 3, column C (cell C3):", reason, StringComparison.Ordinal);
        var details = await page.EvaluateExpressionAsync<string>("document.querySelector('#quarantine details pre').textContent");
        Assert.Contains("row 4, column F (cell F4): Expected a number", details, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('script').length"));
        var refresh = await page.EvaluateExpressionAsync<string>("document.querySelector('meta[http-equiv=refresh]').content");
        Assert.Equal("30", refresh);
        Assert.Contains("Healthy", await page.EvaluateExpressionAsync<string>("document.querySelector('#health').innerText"), StringComparison.Ordinal);

        await page.ClickAsync("#latest-workbook");
        var downloaded = Path.Combine(downloads, "latest.xlsx");
        await RunningService.WaitUntil(() => File.Exists(downloaded) && new FileInfo(downloaded).Length > 0, "the workbook downloaded");
        var workbook = new WorkbookContent(downloaded);
        Assert.Contains(StatsIngest.Report.SummaryWorkbookWriter.SourcesSheet, workbook.SheetNames);

        var reportLink = await page.EvaluateExpressionAsync<string>("document.querySelector('#quarantine article a').href");
        await page.GoToAsync(reportLink);
        var report = await page.EvaluateExpressionAsync<string>("document.body.innerText");
        Assert.Contains("StatsIngest could not ingest the file '坏<script>.csv'", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_listed_reports_and_the_latest_workbook_are_served()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.File("data"), settings: new Dictionary<string, string?> { ["Monitoring:Url"] = "http://127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = new Uri(service.Host.Services.GetRequiredService<MonitoringEndpoint>().Address!) };
        File.WriteAllText(Path.Combine(service.Folders.Root, "secret.error.txt"), "not a quarantine report");

        using var escape = await http.GetAsync(new Uri("/quarantine/..%2Fsecret.error.txt", UriKind.Relative));
        using var noWorkbook = await http.GetAsync(new Uri(OperatorPage.LatestWorkbookPath, UriKind.Relative));
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, escape.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, noWorkbook.StatusCode);
        Assert.Contains("尚无工作簿 No workbook yet", page, StringComparison.Ordinal);
        Assert.Contains("没有被隔离的文件", page, StringComparison.Ordinal);
    }
}
