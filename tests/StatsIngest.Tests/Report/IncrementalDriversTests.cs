using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatsIngest.Collect;
using StatsIngest.Hosting;
using StatsIngest.Ingest;
using StatsIngest.Report;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>A delivery recomputes the drivers whose inputs changed (and those the workbook shows), and the store ends as a full computation would leave it.</summary>
public class IncrementalDriversTests
{
    private static readonly string[] Industries = ["合计", "13", "26", "39"];

    /// <summary>A canonical CSV of 全国's 规上工业 by month: level and growth of the total and three divisions.</summary>
    private static string Months(TempFolder tmp, string name, IEnumerable<string> periods, Func<string, string, double>? level = null, string[]? industries = null)
    {
        var csv = new StringBuilder("period,region,indicator,industry,basis,measure,value,unit,status\n");
        foreach (var period in periods)
        {
            foreach (var (industry, i) in (industries ?? Industries).Select((x, i) => (x, i)))
            {
                var month = int.Parse(period[5..], CultureInfo.InvariantCulture);
                var value = level?.Invoke(period, industry) ?? (1000.0 / (i + 1)) + month;
                csv.Append(CultureInfo.InvariantCulture, $"{period},全国,规模以上工业增加值,{industry},month,level,{value},亿元,final\n");
                csv.Append(CultureInfo.InvariantCulture, $"{period},全国,规模以上工业增加值,{industry},month,yoy,{(i + 2) + (month / 10.0)},%,final\n");
            }
        }

        var path = tmp.File(name);
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static IEnumerable<string> Range(int fromYear, int fromMonth, int count) =>
        Enumerable.Range(0, count).Select(i => new DateOnly(fromYear, fromMonth, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    private static string[] Groups(params string[] periods) => periods.Select(p => $"全国|M|{p}").ToArray();

    [Fact]
    public void A_delivery_recomputes_only_the_drivers_whose_inputs_changed_and_those_shown_and_the_store_is_as_a_full_computation_leaves_it()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2" };
        using var host = StatsIngestHost.Build([], HostMode.OneShot, settings);
        var runner = host.Services.GetRequiredService<IngestRunner>();
        var report = host.Services.GetRequiredService<ReportService>();
        void Ingest(string path) => runner.Run([new IngestRequest(path, ClaimMode.Copy)]);

        // Eighteen months: every group with growth and data of a division is new (January 2022 to June 2023).
        Ingest(Months(tmp, "history.csv", Range(2022, 1, 18)));
        Assert.Equal(Groups([.. Range(2022, 1, 18)]), report.LastRefreshComputedDrivers);
        AssertAsFullComputation(report, data);

        // A new month: its own drivers, and the two months the workbook shows (June is still shown).
        Ingest(Months(tmp, "2023-07.csv", ["2023-07"]));
        Assert.Equal(Groups("2023-06", "2023-07"), report.LastRefreshComputedDrivers);
        var untouched = ComputedAt(data, "2022-05");
        Assert.NotEmpty(untouched);

        // March 2022 revised: its drivers, and March 2023's (weighted by March 2022's levels); nothing else.
        Ingest(Months(tmp, "2022-03r.csv", ["2022-03"], (_, industry) => industry == "26" ? 999 : 1000 + 3));
        Assert.Equal(Groups("2022-03", "2023-03", "2023-06", "2023-07"), report.LastRefreshComputedDrivers);
        Assert.Equal(untouched, ComputedAt(data, "2022-05"));
        Assert.Contains(host.Services.GetRequiredService<StatsIngest.Store.IndicatorStore>().Revisions(),
            r => r is { Block: "drivers", Indicator: "DRIVER_WEIGHT", Period: "2023-03", Subject: "26" });
        AssertAsFullComputation(report, data);

        // Another setup computes every group again.
        using var other = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?>(settings) { ["Indicators:BaselineContributionRate"] = "40" });
        var otherReport = other.Services.GetRequiredService<ReportService>();
        otherReport.Refresh();
        Assert.Equal(Groups([.. Range(2022, 1, 19)]), otherReport.LastRefreshComputedDrivers);
    }

    [Fact]
    public void A_refresh_reads_only_the_rows_it_computes_from_and_stores_and_shows_what_a_computation_over_every_row_does()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2", ["Report:Regions:0"] = "*" };
        using var host = StatsIngestHost.Build([], HostMode.OneShot, settings);
        var runner = host.Services.GetRequiredService<IngestRunner>();
        var report = host.Services.GetRequiredService<ReportService>();
        var store = host.Services.GetRequiredService<ObservationStore>();
        void Ingest(params string[] paths) => runner.Run([.. paths.Select(p => new IngestRequest(p, ClaimMode.Copy))]);

        // The published layouts (GDP by quarter and year, sections, 其中 rows, annual levels, regions), then three years
        // of 全国's months with the sections (checked against the total), a new month, and a revision of a month two years back.
        Ingest([.. new[] { "nbs_monthly_2023-02.xlsx", "province_industry_2022-06_gb18030.csv", "city_regions_2022-06.xlsx", "gdp_annual_2021_final.xlsx",
            "gdp_quarterly_2022.xlsx", "industry_scale_2021-2022.xlsx" }.Select(f => Fixtures.Path("layouts/" + f))]);
        Ingest(Months(tmp, "history.csv", Range(2021, 1, 36)), Months(tmp, "sections.csv", Range(2021, 1, 36), industries: ["B", "C", "D"]));
        Assert.NotEmpty(store.LatestIndex().Flagged);
        foreach (var (name, periods, newEntries) in new[] { ("2024-01.csv", new[] { "2024-01" }, 8), ("2022-03r.csv", ["2022-03"], 0) })
        {
            Ingest(Months(tmp, name, periods, (_, industry) => industry == "26" ? 777 : 1001));
            Assert.InRange(report.LastRefreshRowsRead, 1, store.LatestObservations().Count - 100); // 规上工业 industries of the months no driver computed now: unread
            Assert.Equal(store.LatestObservations().Count - newEntries, report.LastRefreshIndexKept); // the index as the refresh before kept it: the file's rows read
            AssertAsComputationOverEveryRow(host, data);
        }
    }

    /// <summary>
    /// The values stored equal those computed from every row of the history (every driver), and the latest workbook's
    /// fingerprint theirs.
    /// </summary>
    private static void AssertAsComputationOverEveryRow(IHost host, string data)
    {
        var whole = host.Services.GetRequiredService<ReportService>().Gather();
        var stored = host.Services.GetRequiredService<IndicatorStore>().Values()
            .Select(v => $"{v.Block}|{v.Indicator}|{v.Region}|{v.Subject}|{v.Period}|{v.Basis}={Number(v.Value)} {v.Unit} {v.Note} {v.InputVintages}");
        var computed = whole.Indicators.Records
            .Select(r => $"{r.Identity}={Number(r.Value)} {r.Unit} {r.Note} {string.Join(',', r.InputVintages)}");
        var (expected, actual) = (computed.ToHashSet(StringComparer.Ordinal), stored.ToHashSet(StringComparer.Ordinal));
        Assert.True(expected.SetEquals(actual), "computed over every row, not stored:\n" + string.Join('\n', expected.Except(actual).Take(10))
                                               + "\nstored, not computed so:\n" + string.Join('\n', actual.Except(expected).Take(10)));
        Assert.Equal(WorkbookPublisher.Fingerprint(whole), Fingerprints(data, whole.PeriodCode)[^1]);

        static string? Number(double? value) => (value + 0.0)?.ToString("R", CultureInfo.InvariantCulture); // SQLite keeps no negative zero
    }

    [Fact]
    public void A_refresh_whose_indicators_cannot_be_stored_fails_whole_and_no_workbook_of_it_appears_until_they_are()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = data });
        var runner = host.Services.GetRequiredService<IngestRunner>();
        var report = host.Services.GetRequiredService<ReportService>();
        var indicators = host.Services.GetRequiredService<StatsIngest.Store.IndicatorStore>();
        runner.Run([new IngestRequest(Months(tmp, "history.csv", Range(2022, 1, 3)), ClaimMode.Copy)]);
        var march = Path.Combine(data, "out", "2022-03", "StatsIngest_Summary_2022-03.xlsx");
        Assert.True(File.Exists(march));

        // The store refuses every value of the indicators from now on (the workbooks are made while they are written).
        Sql(host, "CREATE TRIGGER refuse BEFORE INSERT ON indicator_values BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        var april = runner.Run([new IngestRequest(Months(tmp, "2022-04.csv", ["2022-04"]), ClaimMode.Copy)]);

        Assert.Equal(DeliveryOutcome.Ingested, Assert.Single(april.Outcomes).Outcome);
        Assert.NotNull(april.RefreshFailure);
        Assert.Contains("refused by the test", Assert.ThrowsAny<Exception>(() => report.Refresh()).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "out", "2022-04")) && Directory.EnumerateFiles(Path.Combine(data, "out", "2022-04"), "*.xlsx").Any(),
            "no workbook of April before its indicators are stored");
        Assert.DoesNotContain(indicators.Values(), v => v.Period == "2022-04");

        Sql(host, "DROP TRIGGER refuse");
        report.Refresh();

        Assert.True(File.Exists(Path.Combine(data, "out", "2022-04", "StatsIngest_Summary_2022-04.xlsx")));
        Assert.Contains(indicators.Values(), v => v.Period == "2022-04");
    }

    private static void Sql(IHost host, string sql)
    {
        using var c = host.Services.GetRequiredService<StatsIngest.Store.ObservationStore>().OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void A_workbook_fingerprinted_with_every_driver_is_compared_once_with_every_driver_computed_and_no_revision_is_made_of_it()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2" };
        // As a version before the fingerprint named only the drivers shown would have left it: every driver hashed.
        Assert.DoesNotContain("-", HistoryFingerprintedAs(tmp, settings, FingerprintVersion.EveryDriver), StringComparison.Ordinal);

        using var again = StatsIngestHost.Build([], HostMode.OneShot, settings);
        var report = again.Services.GetRequiredService<ReportService>();
        report.Refresh();

        Assert.Equal(Groups([.. Range(2022, 1, 18)]), report.LastRefreshComputedDrivers);
        Assert.False(File.Exists(Path.Combine(data, "out", "2023-06", "StatsIngest_Summary_2023-06_r2.xlsx")), "the same content: no new revision");
        Assert.StartsWith("3-", Fingerprints(data, "2023-06")[^1], StringComparison.Ordinal);
        report.Refresh();
        Assert.Equal(Groups("2023-05", "2023-06"), report.LastRefreshComputedDrivers);
    }

    [Fact]
    public void A_workbook_fingerprinted_over_every_observation_is_compared_once_that_way_and_no_revision_is_made_of_it()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2" };
        // As version 2 would have left it: every observation up to the period hashed.
        Assert.StartsWith("2-", HistoryFingerprintedAs(tmp, settings, FingerprintVersion.EveryObservation), StringComparison.Ordinal);

        using var again = StatsIngestHost.Build([], HostMode.OneShot, settings);
        again.Services.GetRequiredService<ReportService>().Refresh();

        Assert.False(File.Exists(Path.Combine(data, "out", "2023-06", "StatsIngest_Summary_2023-06_r2.xlsx")), "the same content: no new revision");
        Assert.Single(Fingerprints(data, "2023-06")[1..]); // under the header
        Assert.StartsWith("3-", Fingerprints(data, "2023-06")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_revised_observation_the_latest_workbook_does_not_show_makes_no_revision_of_it_and_one_it_shows_does()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2" });
        var runner = host.Services.GetRequiredService<IngestRunner>();
        void Ingest(string path) => runner.Run([new IngestRequest(path, ClaimMode.Copy)]);
        Ingest(Months(tmp, "history.csv", Range(2022, 1, 18)));

        // A division's level of March 2022: an input of the drivers of March 2022 and 2023 only, neither shown by June 2023's
        // workbook (the last two months' drivers, the total's months) — its values are stored all the same.
        Ingest(Months(tmp, "2022-03r.csv", ["2022-03"], (period, industry) => industry == "26" ? 999 : (1000.0 / (Array.IndexOf(Industries, industry) + 1)) + 3));
        Assert.Contains(host.Services.GetRequiredService<StatsIngest.Store.IndicatorStore>().Revisions(),
            r => r is { Block: "drivers", Indicator: "DRIVER_WEIGHT", Period: "2023-03", Subject: "26" });
        Assert.Single(Fingerprints(data, "2023-06")[1..]); // under the header

        // The same division in May 2022, which weighs May 2023's drivers — shown: a new revision.
        Ingest(Months(tmp, "2022-05r.csv", ["2022-05"], (period, industry) => industry == "26" ? 777 : (1000.0 / (Array.IndexOf(Industries, industry) + 1)) + 5));
        Assert.Equal(2, Fingerprints(data, "2023-06")[1..].Length);
        Assert.True(File.Exists(Path.Combine(data, "out", "2023-06", "StatsIngest_Summary_2023-06_r2.xlsx")));
    }

    [Fact]
    public void A_refresh_that_computes_many_groups_stores_them_whole_years_at_a_time_and_leaves_the_store_as_one_computation_does()
    {
        using var tmp = new TempFolder();
        var history = Months(tmp, "history.csv", Range(2021, 1, 30));
        string Store(string name, string batch)
        {
            var data = tmp.File(name);
            using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?>
                { ["Data:Directory"] = data, ["Report:DriverPeriods"] = "2", ["Report:DriverBatchGroups"] = batch });
            host.Services.GetRequiredService<IngestRunner>().Run([new IngestRequest(history, ClaimMode.Copy)]);
            var report = host.Services.GetRequiredService<ReportService>();
            // Thirty groups, at most ten at a time, whole years: 2021 (12, more than ten: alone), 2022 (12), 2023 (6).
            Assert.Equal(batch == "10" ? 3 : 0, report.LastRefreshDriverBatches);
            Assert.Equal(Groups([.. Range(2021, 1, 30)]), report.LastRefreshComputedDrivers);
            if (batch == "10")
            {
                AssertAsFullComputation(report, data);
                Assert.Equal(3, report.LastRefreshDriverBatches);
                runner(host).Run([new IngestRequest(Months(tmp, "2023-07.csv", ["2023-07"]), ClaimMode.Copy)]);
                Assert.Equal(0, report.LastRefreshDriverBatches);
                Assert.Equal(Groups("2023-06", "2023-07"), report.LastRefreshComputedDrivers);

                // A store without digests (from before them, or a copy) holding a value of a year no longer computed: the
                // batches leave the digests to the whole computation, which compares every year once and removes it.
                Execute(data, "INSERT INTO indicator_values (block, indicator, region, subject, period, basis, value, unit, note, input_vintages, inputs, inputs_hash, computed_at) " +
                              "VALUES ('panel', 'PANEL_M_YOY', '全国', '_T', '1999-05', 'M', 1, '%', NULL, '', '[]', NULL, '2020-01-01T00:00:00.0000000Z')");
                Execute(data, "DELETE FROM indicator_partitions; DELETE FROM indicator_groups");
                report.Refresh();
                Assert.Equal(3, report.LastRefreshDriverBatches);
                Assert.Empty(Rows(data, "SELECT id FROM indicator_values WHERE period = '1999-05'"));
            }

            return data;
        }

        static IngestRunner runner(IHost host) => host.Services.GetRequiredService<IngestRunner>();
        var batched = Store("batched", "10");
        var whole = Store("whole", "400");
        using var more = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = whole, ["Report:DriverPeriods"] = "2" });
        runner(more).Run([new IngestRequest(Months(tmp, "2023-07.csv", ["2023-07"]), ClaimMode.Copy)]);

        // The same values, digests and groups as one computation; the same workbook.
        foreach (var table in new[] { "SELECT block, indicator, region, subject, period, basis, quote(value), unit, note, input_vintages, inputs_hash FROM indicator_values",
                                      "SELECT part, digest FROM indicator_partitions", "SELECT grp, inputs, digest FROM indicator_groups" })
        {
            Assert.Equal(Rows(whole, table), Rows(batched, table));
        }

        Assert.Equal(Fingerprints(whole, "2023-07"), Fingerprints(batched, "2023-07"));
    }

    /// <summary>The store of a data folder, opened beside the host (read-only unless a test writes to it).</summary>
    private static SqliteConnection Open(string data, bool write = false)
    {
        var c = new SqliteConnection($"Data Source={new DataFolders(data).DatabasePath};{(write ? string.Empty : "Mode=ReadOnly;")}Pooling=False");
        c.Open();
        return c;
    }

    private static string[] Rows(string data, string sql)
    {
        using var c = Open(data);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Eighteen months ingested, and June 2023's newest revision left as a build fingerprinting the given way would have
    /// left it, with the inputs' key of another build (removed): its fingerprint.
    /// </summary>
    private static string HistoryFingerprintedAs(TempFolder tmp, Dictionary<string, string?> settings, FingerprintVersion version)
    {
        using var host = StatsIngestHost.Build([], HostMode.OneShot, settings);
        host.Services.GetRequiredService<IngestRunner>().Run([new IngestRequest(Months(tmp, "history.csv", Range(2022, 1, 18)), ClaimMode.Copy)]);
        var period = Path.Combine(settings["Data:Directory"]!, "out", "2023-06");
        var fingerprint = WorkbookPublisher.Fingerprint(host.Services.GetRequiredService<ReportService>().Gather("2023-06"), version);
        var lines = File.ReadAllLines(Path.Combine(period, WorkbookPublisher.IndexFile));
        lines[^1] = string.Join('\t', lines[^1].Split('\t').Select((f, i) => i == 2 ? fingerprint : f));
        File.WriteAllLines(Path.Combine(period, WorkbookPublisher.IndexFile), lines);
        File.Delete(Path.Combine(period, WorkbookPublisher.InputsFile));
        return fingerprint;
    }

    private static string[] Fingerprints(string data, string period) =>
        [.. File.ReadAllLines(Path.Combine(data, "out", period, WorkbookPublisher.IndexFile)).Select(l => l.Split('\t')[2])];

    /// <summary>A refresh that computes every group (their stored inputs forgotten) finds nothing to change: the same values, none rewritten.</summary>
    private static void AssertAsFullComputation(ReportService report, string data)
    {
        var before = ComputedAt(data, null);
        Execute(data, "DELETE FROM indicator_groups");
        report.Refresh();
        Assert.Equal(Groups([.. before.Keys.Where(k => k.StartsWith("drivers|", StringComparison.Ordinal)).Select(k => k.Split('|')[4]).Distinct().Order(StringComparer.Ordinal)]),
            report.LastRefreshComputedDrivers);
        Assert.Equal(before, ComputedAt(data, null));
    }

    private static void Execute(string data, string sql)
    {
        using var c = Open(data, write: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Each stored value (of a period, or all) by identity, with its number and when it was computed.</summary>
    private static Dictionary<string, string> ComputedAt(string data, string? period)
    {
        using var c = Open(data);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT block || '|' || indicator || '|' || region || '|' || subject || '|' || period || '|' || basis, " +
                          "quote(value) || ' ' || computed_at FROM indicator_values WHERE $p IS NULL OR period = $p";
        cmd.Parameters.AddWithValue("$p", (object?)period ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
        {
            rows[r.GetString(0)] = r.GetString(1);
        }

        return rows;
    }
}
