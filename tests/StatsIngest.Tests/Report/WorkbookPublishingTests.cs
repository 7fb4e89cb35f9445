using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Cli;
using StatsIngest.Hosting;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>Publishing workbooks: one folder per period, revisions, latest.xlsx, the same content never twice, locked targets.</summary>
public class WorkbookPublishingTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = StatsIngestCli.Run(args, stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Reporting_the_same_data_again_writes_nothing_new_and_gives_the_same_cells()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);
        var first = tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx");
        var before = new WorkbookContent(first);
        var written = File.GetLastWriteTimeUtc(first);

        var (code, output) = Run("report", "--data", data);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(first, output.Trim());
        Assert.Equal(written, File.GetLastWriteTimeUtc(first));
        Assert.False(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx")));
        Assert.Equal(2, File.ReadAllLines(tmp.File("data/out/2021/revisions.tsv")).Length);
        Assert.True(File.Exists(tmp.File("data/out/latest.xlsx")));

        // Built again from the same data, the workbook has the same sheets and the same cells.
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = data });
        var again = tmp.File("again.xlsx");
        SummaryWorkbookWriter.Build(again, host.Services.GetRequiredService<ReportService>().Gather());
        var rebuilt = new WorkbookContent(again);
        Assert.Equal(before.SheetNames, rebuilt.SheetNames);
        foreach (var sheet in before.SheetNames)
        {
            Assert.Equal(before.Rows(sheet), rebuilt.Rows(sheet));
        }
    }

    [Fact]
    public void A_locked_latest_workbook_is_retried_then_written_beside_it_and_nothing_is_lost()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);
        var latest = tmp.File("data/out/latest.xlsx");
        var original = File.ReadAllBytes(latest);

        using (new FileStream(latest, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Final2021), "--data", data).Code);
        }

        Assert.Equal(original, File.ReadAllBytes(latest));
        var beside = Assert.Single(Directory.GetFiles(tmp.File("data/out"), "latest_*.xlsx"));
        Assert.Contains(new WorkbookContent(beside).SheetNames, n => n == SummaryWorkbookWriter.OverviewSheet);
        Assert.Empty(Directory.GetFiles(tmp.File("data/out"), "*.tmp*", SearchOption.AllDirectories));
        Assert.True(File.Exists(tmp.File("data/out/2022/StatsIngest_Summary_2022.xlsx")));
    }

    [Fact]
    public void An_office_lock_file_counts_as_open()
    {
        using var tmp = new TempFolder();
        var target = tmp.File("book.xlsx");
        File.WriteAllText(target, "old");
        File.WriteAllText(tmp.File(".~lock.book.xlsx#"), "someone,host");

        var outcome = AtomicFile.WriteWithOutcome(target, temp => File.WriteAllText(temp, "new"), TimeProvider.System, retries: 2, firstDelay: TimeSpan.FromMilliseconds(1));

        Assert.True(outcome.Suffixed);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal("new", File.ReadAllText(outcome.Path));
        Assert.StartsWith(tmp.File("book_"), outcome.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_sheet_has_a_companion_csv_with_a_bom_and_formula_text_neutralised()
    {
        using var tmp = new TempFolder();
        var input = tmp.File("formula.csv");
        File.WriteAllText(input, "period,region,indicator,basis,measure,value,unit\n2021,=HYPERLINK(\"http://x\"),GDP,year,level,100,亿元\n", new System.Text.UTF8Encoding(true));
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", input, Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"), "--Report:Regions:0=*").Code);

        var dir = tmp.File("data/out/2021/StatsIngest_Summary_2021_csv");
        Assert.Equal(["工业增速", "数据", "来源", "目标", "行业", "要点", "说明", "贡献率趋势"], Directory.GetFiles(dir).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        var bytes = File.ReadAllBytes(Path.Combine(dir, "贡献率趋势.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var trend = File.ReadAllLines(Path.Combine(dir, "贡献率趋势.csv"));
        Assert.StartsWith("地区,对象,期间,口径,贡献率(%)", trend[0], StringComparison.Ordinal); // ReadAllLines drops the BOM
        var row2021 = trend.Single(l => l.StartsWith("全国,全部工业增加值,2021年,", StringComparison.Ordinal));
        var workbook = new WorkbookContent(tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx"));
        var cell = (double)workbook.RowsWith("贡献率趋势", "全国", "全部工业增加值", "2021年").Single()[4]!;
        Assert.Equal(cell, double.Parse(row2021.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture), 10);
        var data = File.ReadAllText(Path.Combine(dir, "数据.csv"));
        Assert.Contains("HYPERLINK", data, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", data, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_for_a_later_period_or_a_duplicate_does_not_revise_an_earlier_report()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Monthly2023), "--data", data).Code);
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);

        Assert.Equal(["StatsIngest_Summary_2021.xlsx"], Directory.GetFiles(tmp.File("data/out/2021"), "*.xlsx").Select(Path.GetFileName));
        Assert.True(File.Exists(tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12.xlsx")));
        Assert.False(File.Exists(tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12_r2.xlsx")));
    }

    [Fact]
    public void A_delivery_for_another_period_leaves_an_earlier_workbook_and_its_indicators_untouched_and_a_revision_rewrites_them()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);
        var workbook = tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx");
        var (written, bytes, index) = (File.GetLastWriteTimeUtc(workbook), File.ReadAllBytes(workbook), File.ReadAllText(tmp.File("data/out/2021/revisions.tsv")));
        var computed2021 = ComputedAt(data, "2021");
        Assert.NotEmpty(computed2021);

        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Monthly2023), "--data", data).Code);

        Assert.Equal(written, File.GetLastWriteTimeUtc(workbook));
        Assert.Equal(bytes, File.ReadAllBytes(workbook));
        Assert.Equal(index, File.ReadAllText(tmp.File("data/out/2021/revisions.tsv")));
        Assert.Equal(computed2021, ComputedAt(data, "2021"));
        Assert.NotEmpty(ComputedAt(data, "2023-12"));

        // The 2021 final figures revise 2021: its indicators are computed again and stored, and the period gets a new revision.
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Final2021), "--data", data).Code);
        var after = ComputedAt(data, "2021");
        Assert.Contains(after, kv => computed2021.TryGetValue(kv.Key, out var was) && was != kv.Value);
        Assert.True(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx")));
        Assert.Equal(bytes, File.ReadAllBytes(workbook));
    }

    [Fact]
    public void A_refresh_gathers_a_period_again_only_when_its_inputs_or_the_setup_changed_the_latest_as_well()
    {
        using var tmp = new TempFolder();
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = tmp.File("data") });
        var runner = host.Services.GetRequiredService<StatsIngest.Ingest.IngestRunner>();
        var report = host.Services.GetRequiredService<ReportService>();
        void Ingest(string fixture) => runner.Run([new StatsIngest.Ingest.IngestRequest(Fixtures.Sample(fixture), StatsIngest.Ingest.ClaimMode.Copy)]);

        // A delivery for another period: 2021's inputs are those it was published from (as the latest), so it is passed over.
        Ingest(Fixtures.Preliminary);
        Ingest(Fixtures.Monthly2023);
        Assert.Empty(report.LastRefreshGathered);
        Assert.False(report.LastRefreshPassedOverLatest, "2023-12 is new");
        var again = report.Refresh();
        Assert.Empty(report.LastRefreshGathered);
        Assert.True(report.LastRefreshPassedOverLatest, "nothing changed: the latest workbook is passed over as well");
        Assert.False(again.Written, "passed over: not written (what the service logs)");
        Assert.Equal(tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12.xlsx"), again.Path);

        // latest.xlsx removed by hand is copied again from the latest workbook, which is still passed over.
        File.Delete(tmp.File("data/out/latest.xlsx"));
        report.Refresh();
        Assert.True(report.LastRefreshPassedOverLatest);
        Assert.Equal(File.ReadAllBytes(tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12.xlsx")), File.ReadAllBytes(tmp.File("data/out/latest.xlsx")));

        // The 2021 final figures change 2021's inputs: gathered again, and its new revision written.
        Ingest(Fixtures.Final2021);
        Assert.Contains("2021", report.LastRefreshGathered);
        Assert.False(report.LastRefreshPassedOverLatest, "2023-12's inputs include 2021's");
        var compared = report.Refresh();
        Assert.True(report.LastRefreshPassedOverLatest);
        Assert.False(compared.Written);
        File.Delete(compared.Path);
        Assert.True(report.Refresh().Written, "the latest workbook removed by hand is written again");
        Assert.True(File.Exists(compared.Path));
        Assert.True(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx")));

        // A workbook removed by hand is written again though its inputs did not change — under its name, the same revision:
        // a revision is a change of content.
        File.Delete(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx"));
        report.Refresh();
        Assert.Contains("2021", report.LastRefreshGathered);
        Assert.True(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx")));
        Assert.False(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r3.xlsx")));
        Assert.Equal(3, File.ReadAllLines(tmp.File("data/out/2021/revisions.tsv")).Length); // the header and r1, r2

        // Another process with the same setup finds the inputs kept beside the workbook: it passes over 2021 too.
        using (var other = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = tmp.File("data") }))
        {
            var otherReport = other.Services.GetRequiredService<ReportService>();
            otherReport.Refresh();
            Assert.Empty(otherReport.LastRefreshGathered);
            Assert.True(otherReport.LastRefreshPassedOverLatest);
        }

        // A process with another setting gathers it again, and writes a new revision only because the content changed.
        using (var other = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = tmp.File("data"), ["Report:DriverPeriods"] = "3" }))
        {
            var otherReport = other.Services.GetRequiredService<ReportService>();
            otherReport.Refresh();
            Assert.Equal(["2021"], otherReport.LastRefreshGathered);
            Assert.False(otherReport.LastRefreshPassedOverLatest, "another setup: the latest workbook is compared again");
            Assert.False(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r3.xlsx")));
        }

        using (var other = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = tmp.File("data"), ["Indicators:BaselineContributionRate"] = "40" }))
        {
            var otherReport = other.Services.GetRequiredService<ReportService>();
            otherReport.Refresh();
            Assert.Equal(["2021"], otherReport.LastRefreshGathered);
            Assert.True(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021_r3.xlsx")), "the baseline is shown: 2021's content changed");
        }
    }

    /// <summary>When each stored indicator value of a period was computed, by identity.</summary>
    private static Dictionary<string, string> ComputedAt(string data, string period)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "statsingest.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT block || '|' || indicator || '|' || region || '|' || subject || '|' || basis, computed_at FROM indicator_values WHERE period = $p";
        cmd.Parameters.AddWithValue("$p", period);
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
        {
            rows[r.GetString(0)] = r.GetString(1);
        }

        return rows;
    }

    [Fact]
    public void Negative_numbers_in_a_companion_csv_are_numbers_not_escaped_text()
    {
        using var tmp = new TempFolder();
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Monthly2023), "--data", tmp.File("data")).Code);

        var panel = File.ReadAllLines(tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12_csv/工业增速.csv"));

        // May 2023: 当月 3.5 after 5.6 in April, 2.1 pp slower.
        var may = panel.Single(l => l.StartsWith("全国,2023年5月,", StringComparison.Ordinal));
        Assert.StartsWith("全国,2023年5月,3.5,3.6,-2.1", may, StringComparison.Ordinal);
    }
}
