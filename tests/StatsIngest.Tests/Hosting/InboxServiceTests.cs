using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Indicators;
using StatsIngest.Report;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Hosting;

/// <summary>End to end through the real host: files dropped into the inbox of the running service.</summary>
public class InboxServiceTests
{
    private static double Contribution(WorkbookContent wb, string periodLabel)
    {
        var row = wb.RowsWith(SummaryWorkbookWriter.TrendSheet, periodLabel, "全部工业增加值").Single();
        return (double)row[wb.Column(SummaryWorkbookWriter.TrendSheet, "贡献率(%)")]!;
    }

    [Fact]
    public async Task Dropped_samples_give_a_workbook_with_the_right_numbers_and_provenance()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);

        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        service.Drop(Fixtures.Sample(Fixtures.Final2021));
        service.Drop(Fixtures.Sample(Fixtures.Monthly2023));
        await service.WaitForDeliveries(3);
        await RunningService.WaitUntil(() => File.Exists(Path.Combine(service.Folders.Out, "2023-12", "StatsIngest_Summary_2023-12.xlsx")), "the workbook");

        var wb = new WorkbookContent(Path.Combine(service.Folders.Out, "2023-12", "StatsIngest_Summary_2023-12.xlsx"));
        Assert.Equal(["概览", "要点", "贡献率趋势", "工业增速", "行业", "目标", "数据", "来源", "说明"], wb.SheetNames);

        // 2022 from the 2021 final levels: published 36% (±2 pp).
        var c2022 = Contribution(wb, "2022年");
        Assert.Equal(374546 * 3.4 / (1149237 * 3.0) * 100, c2022, 9);
        Assert.InRange(c2022, 34, 38);

        var gdp2021 = wb.RowsWith(SummaryWorkbookWriter.DataSheet, "GDP", "绝对量", "2021年").Single();
        Assert.Equal(1149237.0, gdp2021[wb.Column(SummaryWorkbookWriter.DataSheet, "数值")]);
        Assert.Equal(Fixtures.Final2021, gdp2021[wb.Column(SummaryWorkbookWriter.DataSheet, "来源文件")]);
        Assert.Equal("G4", gdp2021[wb.Column(SummaryWorkbookWriter.DataSheet, "单元格")]);
        Assert.Equal("正常", gdp2021[wb.Column(SummaryWorkbookWriter.DataSheet, "状态")]);

        Assert.Equal(3, wb.RowsWith(SummaryWorkbookWriter.SourcesSheet, "已入库").Count());
        Assert.Equal(3, Directory.GetFiles(service.Folders.Archive, "*.csv", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(service.Folders.Inbox));
    }

    [Fact]
    public async Task The_same_file_again_is_archived_as_a_duplicate_and_adds_nothing()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);
        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(1);
        var before = service.Store.AllObservations().Count;

        service.Drop(Fixtures.Sample(Fixtures.Preliminary), "renamed copy.csv");
        await service.WaitForDeliveries(2);

        Assert.Equal(before, service.Store.AllObservations().Count);
        var dup = service.Store.Deliveries()[1];
        Assert.Equal(DeliveryOutcome.Duplicate, dup.Outcome);
        Assert.True(File.Exists(Path.Combine(service.Folders.Root, dup.StoredPath)));
    }

    [Fact]
    public async Task A_revised_file_adds_a_vintage_and_the_indicator_switches_to_it()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);
        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(1);
        var workbook = Path.Combine(service.Folders.Out, "2021", "StatsIngest_Summary_2021.xlsx");
        await RunningService.WaitUntil(() => File.Exists(workbook), "the first workbook");
        Assert.Equal(313071 * 9.6 / (1015986 * 8.1) * 100, Contribution(new WorkbookContent(workbook), "2021年"), 9);

        service.Drop(Fixtures.Sample(Fixtures.Final2021));
        await service.WaitForDeliveries(2);
        var revised = Path.Combine(service.Folders.Out, "2022", "StatsIngest_Summary_2022.xlsx");
        await RunningService.WaitUntil(() => File.Exists(revised), "the workbook after the revision");

        var wb = new WorkbookContent(revised);
        Assert.Equal(313071 * 10.4 / (1015986 * 8.4) * 100, Contribution(wb, "2021年"), 9);
        var row = wb.RowsWith(SummaryWorkbookWriter.TrendSheet, "2021年", "全部工业增加值").Single();
        Assert.Equal("1,2", row[wb.Column(SummaryWorkbookWriter.TrendSheet, "数据版本（文件编号）")]);
        var history = service.Store.AllObservations().Where(o => o.Key.Indicator == IndicatorCodes.Gdp && o.Period.Code == "2021" && o.Key.Measure == Domain.Measure.Level);
        Assert.Equal([1143670.0, 1149237.0], history.Select(o => o.Value!.Value));

        // The 2021 report changed with the revision: a second revision of its workbook, the first kept.
        var r2 = Path.Combine(service.Folders.Out, "2021", "StatsIngest_Summary_2021_r2.xlsx");
        Assert.True(File.Exists(r2));
        Assert.True(File.Exists(workbook));
        Assert.Equal(313071 * 10.4 / (1015986 * 8.4) * 100, Contribution(new WorkbookContent(r2), "2021年"), 9);
        Assert.Equal(313071 * 9.6 / (1015986 * 8.1) * 100, Contribution(new WorkbookContent(workbook), "2021年"), 9);
        Assert.True(File.Exists(Path.Combine(service.Folders.Out, "latest.xlsx")));
    }

    [Fact]
    public async Task Garbage_goes_to_quarantine_with_a_report_and_the_service_keeps_running()
    {
        using var tmp = new TempFolder();
        var random = tmp.File("random.xlsx");
        File.WriteAllBytes(random, Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 251)).ToArray());
        var empty = tmp.File("empty.csv");
        File.WriteAllBytes(empty, []);
        var unknown = tmp.File("unknown headers.csv");
        File.WriteAllText(unknown, "foo,bar,baz\n1,2,3\n");
        await using var service = await RunningService.StartAsync(Path.Combine(tmp.Path, "data"));

        service.Drop(random);
        service.Drop(empty);
        service.Drop(unknown);
        await service.WaitForDeliveries(3);
        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(4);

        var q = service.Folders.Quarantine;
        Assert.StartsWith("StatsIngest could not ingest the file 'random.xlsx'", File.ReadAllText(Path.Combine(q, "random.xlsx.error.txt")).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("found an empty file (0 bytes)", File.ReadAllText(Path.Combine(q, "empty.csv.error.txt")), StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(q, "unknown headers.csv.error.txt"));
        Assert.Contains("Column A ('foo') of sheet 'CSV' is not stored: its header 'foo' (A1) names nothing StatsIngest knows", report, StringComparison.Ordinal);
        Assert.Contains("期间/period", report, StringComparison.Ordinal);
        Assert.Contains("'foo' ('CSV'!A1)", report, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(random), File.ReadAllBytes(Path.Combine(q, "random.xlsx")));
        Assert.Equal(DeliveryOutcome.Ingested, service.Store.Deliveries()[3].Outcome);
    }

    [Fact]
    public async Task A_file_written_slowly_is_ingested_once_and_complete()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path, quietSeconds: 1.5);
        var lines = File.ReadAllLines(Fixtures.Sample(Fixtures.Preliminary));
        var target = Path.Combine(service.Folders.Inbox, "slow.csv");

        await using (var writer = new StreamWriter(target))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line);
                await writer.FlushAsync();
                await Task.Delay(250);
            }
        }

        await service.WaitForDeliveries(1);
        await service.WaitForIdleInbox();

        var delivery = Assert.Single(service.Store.Deliveries());
        Assert.Equal(DeliveryOutcome.Ingested, delivery.Outcome);
        Assert.Equal(12, service.Store.AllObservations().Count);
    }

    [Fact]
    public async Task A_restart_ingests_nothing_again_and_finishes_what_a_crash_left_in_work()
    {
        using var tmp = new TempFolder();
        await using (var first = await RunningService.StartAsync(tmp.Path))
        {
            first.Drop(Fixtures.Sample(Fixtures.Preliminary));
            await first.WaitForDeliveries(1);
        }

        // A crash after claiming a file: it sits in work/ under its claimed name.
        File.Copy(Fixtures.Sample(Fixtures.Final2021), Path.Combine(tmp.Path, "work", "20230101000000000-abcdef__" + Fixtures.Final2021));

        await using var second = await RunningService.StartAsync(tmp.Path);
        await second.WaitForDeliveries(2);
        await second.WaitForIdleInbox();

        var deliveries = second.Store.Deliveries();
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(Fixtures.Final2021, deliveries[1].FileName);
        Assert.Equal(24, second.Store.AllObservations().Count);
        Assert.Empty(Directory.GetFiles(second.Folders.Work));
    }

    [Fact]
    public async Task Temporary_and_hidden_files_are_left_alone_and_a_configured_pattern_too()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path, settings: new Dictionary<string, string?> { ["Inbox:IgnoredNames:7"] = "*.DOWNLOAD" });
        foreach (var name in new[] { "~$book.xlsx", "download.tmp", ".hidden.csv", "统计.xlsx.crdownload", "monthly.csv.download" })
        {
            File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(service.Folders.Inbox, name));
        }

        service.Drop(Fixtures.Sample(Fixtures.Final2021));

        await service.WaitForDeliveries(1);
        await service.WaitForIdleInbox();

        Assert.Single(service.Store.Deliveries());
        Assert.Equal(5, Directory.GetFiles(service.Folders.Inbox).Length);
    }

    [Fact]
    public async Task A_folder_dragged_into_the_inbox_is_left_alone_and_said_while_it_holds_files()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);
        var scanner = service.Host.Services.GetRequiredService<StatsIngest.Collect.InboxScanner>();
        Directory.CreateDirectory(Path.Combine(service.Folders.Inbox, "空文件夹"));
        var month = Directory.CreateDirectory(Path.Combine(service.Folders.Inbox, "2023年12月")).FullName;
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(month, Fixtures.Preliminary));
        service.Drop(Fixtures.Sample(Fixtures.Final2021));

        await service.WaitForDeliveries(1);
        await service.WaitForIdleInbox();

        Assert.Equal(["2023年12月"], scanner.FoldersHoldingFiles);
        Assert.True(File.Exists(Path.Combine(month, Fixtures.Preliminary)), "a folder's file is not taken");
        Directory.Delete(month, recursive: true);
        await service.WaitForIdleInbox();
        Assert.Empty(scanner.FoldersHoldingFiles);
        Assert.Single(service.Store.Deliveries());
    }

    [Fact]
    public void An_ignored_name_that_is_a_path_is_refused_at_start()
    {
        using var tmp = new TempFolder();
        var stderr = new StringWriter();

        var code = StatsIngest.Cli.StatsIngestCli.Run(["report", "--data", tmp.Path, "--Inbox:IgnoredNames:7=sub/*.csv"], new StringWriter(), stderr);

        Assert.Equal(StatsIngest.Cli.StatsIngestCli.ConfigError, code);
        Assert.Contains("Inbox:IgnoredNames:7 = 'sub/*.csv' is not allowed", stderr.ToString(), StringComparison.Ordinal);
    }
}
