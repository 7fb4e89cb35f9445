using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary><c>statsingest reprocess</c>: archived files read again with today's code lists and rules.</summary>
public class ReprocessTests
{
    private static (int Code, string Out, string Err) Run(string contentRoot, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = StatsIngestCli.Run(args, stdout, stderr, contentRoot);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void An_alias_added_later_maps_the_stored_label_in_a_reprocessed_vintage_and_a_second_run_adds_nothing()
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, Run(root, "ingest", Fixtures.Path("layouts/province_industry_2022-06.xlsx"), "--data", data).Code);
        var industries = Path.Combine(root, "config", "codelists", "industries.json");
        File.WriteAllText(industries, File.ReadAllText(industries).Replace("\"新材料产业\"", "\"新材料产业\", \"某某新兴产业\"", StringComparison.Ordinal));

        var (code, output, _) = Run(root, "reprocess", "--file", "province_*.xlsx", "--data", data);

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Contains("reprocessed province_industry_2022-06.xlsx: vintage 2 (reprocessed): 4 observations changed or new, 32 unchanged, 4 no longer read from it (withdrawn)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("note", output, StringComparison.Ordinal); // no later file could give them back
        Assert.Contains("workbook", output, StringComparison.Ordinal);
        var store = new ObservationStore(new DataFolders(data).DatabasePath);
        var reading = store.Files()[1];
        Assert.Equal((FileRecord.Reprocessed, 1L), (reading.Reason, reading.ReprocessOf));
        Assert.Empty(reading.Unmapped);
        var mapped = store.LatestObservations().Where(o => o.Key.Industry == "NEW_MAT").ToArray();
        Assert.Equal(4, mapped.Length);
        Assert.All(mapped, o => Assert.Equal((2L, ObservationFlags.None, "某某新兴产业"), (o.VintageId, o.Flags, o.Label)));
        // The values stored under the label as written are no longer given by the file: withdrawn, not left as the latest.
        var unmapped = store.LatestObservations().Where(o => o.Key.Industry == "某某新兴产业").ToArray();
        Assert.Equal(4, unmapped.Length);
        Assert.All(unmapped, o => Assert.Equal((2L, (double?)null, ObservationFlags.Unmapped | ObservationFlags.Withdrawn), (o.VintageId, o.Value, o.Flags)));
        Assert.Single(store.Deliveries());

        var again = Run(root, "reprocess", "--file", "province_*", "--data", data);
        Assert.Contains("unchanged   province_industry_2022-06.xlsx: all 36 values read as before; nothing added", again.Out, StringComparison.Ordinal);
        Assert.Equal(2, store.Files().Count);
    }

    [Fact]
    public void A_reprocessed_earlier_file_takes_its_place_among_the_vintages_and_a_later_revision_stays_the_latest()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var root = tmp.CopyConfig();
        var files = new[] { "gdp_annual_2021_preliminary.xlsx", "gdp_annual_2021_final.xlsx" }.Select(f => Fixtures.Path("layouts/" + f)).ToArray();
        Assert.Equal(StatsIngestCli.Ok, Run(root, ["ingest", .. files, "--data", data]).Code);

        var (code, output, _) = Run(root, "reprocess", "--file", "gdp_annual_2021_preliminary.xlsx", "--data", data,
            "--Layouts:Rules:0:FileNamePattern=gdp_annual_2021_preliminary*", "--Layouts:Rules:0:Status=estimated");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Contains("reprocessed gdp_annual_2021_preliminary.xlsx: vintage 3 (reprocessed)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("withdrawn", output, StringComparison.Ordinal); // a status changed: nothing is no longer given
        var store = new ObservationStore(new DataFolders(data).DatabasePath);
        var gdp = new SeriesKey("GDP", "全国", "_T", Basis.Year, Measure.Level);
        var latest = store.LatestObservations().Single(o => o.Key == gdp && o.Period.Code == "2021");
        Assert.Equal((1149237.0, ObservationStatus.Normal, 2L), (latest.Value!.Value, latest.Status, latest.VintageId));
        var history = store.AllObservations().Where(o => o.Key == gdp && o.Period.Code == "2021").Select(o => (o.VintageId, o.Status)).ToArray();
        Assert.Equal([(1L, ObservationStatus.Provisional), (3L, ObservationStatus.Estimated), (2L, ObservationStatus.Normal)], history);
    }

    /// <summary>
    /// g restated f's June value unchanged and kept no row of it; a rule now reads f as another region, so f's reading
    /// withdraws its 湖北省 values: g is read again too (it was ingested after f and restated values), and June stays g's 6.0.
    /// </summary>
    [Fact]
    public void A_value_one_file_no_longer_gives_stays_the_value_of_a_later_file_that_restated_it_unchanged()
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();
        var data = tmp.File("data");
        var f = Table(tmp.File("f_2023-06.csv"), ("2023年5月", "5.0"), ("2023年6月", "6.0"));
        var g = Table(tmp.File("g_2023-07.csv"), ("2023年6月", "6.0"), ("2023年7月", "7.0"));
        var unrelated = Table(tmp.File("h_2023-08.csv"), ("2023年8月", "8.0"));
        Assert.Equal(StatsIngestCli.Ok, Run(root, "ingest", f, g, unrelated, "--data", data).Code);

        var (code, output, _) = Run(root, "reprocess", "--file", "f_*", "--data", data, "--Layouts:Rules:0:FileNamePattern=f_*", "--Layouts:Rules:0:Region=湖南省");

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Contains("reprocessed f_2023-06.csv: vintage 4 (reprocessed): 2 observations changed or new, 0 unchanged, 2 no longer read from it (withdrawn)", output, StringComparison.Ordinal);
        Assert.Contains("reprocessed g_2023-07.csv: vintage 5 (reprocessed): 1 observation changed or new, 1 unchanged", output, StringComparison.Ordinal);
        Assert.Contains("note        g_2023-07.csv was read again too: it restated values unchanged after f_2023-06.csv", output, StringComparison.Ordinal);
        Assert.DoesNotContain("h_2023-08.csv", output, StringComparison.Ordinal); // it restated nothing: its reading could give nothing back
        var store = new ObservationStore(new DataFolders(data).DatabasePath);
        var hubei = store.LatestObservations().Where(o => o.Key.Region == "湖北省").ToDictionary(o => o.Period.Code);
        Assert.Equal((null, ObservationFlags.Withdrawn), (hubei["2023-05"].Value, hubei["2023-05"].Flags));
        Assert.Equal((6.0, "g_2023-07.csv", "B4"), (hubei["2023-06"].Value, hubei["2023-06"].Source.FileName, hubei["2023-06"].Source.Cell));
        Assert.Equal((7.0, 8.0), (hubei["2023-07"].Value, hubei["2023-08"].Value));

        // The export tells the withdrawn value from a published "…": its flags say so.
        Assert.Equal(StatsIngestCli.Ok, Run(root, "export", "--data", data, "--out", tmp.File("export.csv")).Code);
        var lines = File.ReadAllLines(tmp.File("export.csv"));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var may = lines.Single(l => l.StartsWith("2023-05,湖北省,", StringComparison.Ordinal)).Split(',');
        string Field(string column) => may[Array.IndexOf(header, column)];
        Assert.Equal((string.Empty, "M", "4", "B4", "withdrawn"), (Field("value"), Field("status"), Field("vintage"), Field("cell"), Field("flags")));

        static string Table(string path, params (string Period, string Value)[] columns)
        {
            File.WriteAllText(path, $"湖北省规模以上工业增加值增速\n单位：%\n指标,{string.Join(',', columns.Select(c => c.Period))}\n规模以上工业增加值,{string.Join(',', columns.Select(c => c.Value))}\n");
            return path;
        }
    }

    [Fact]
    public void Nothing_to_reprocess_and_a_bad_date_are_said_plainly()
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();

        Assert.Equal((StatsIngestCli.Ok, "The store holds no ingested file yet."), Trimmed(Run(root, "reprocess", "--data", tmp.File("data"))));
        Assert.Equal(StatsIngestCli.UsageError, Run(root, "reprocess", "--since", "2023-13-01", "--data", tmp.File("data")).Code);
        Assert.Equal(StatsIngestCli.UsageError, Run(root, "reprocess", "--file", "nothing*", "--data", tmp.File("data")).Code);

        static (int, string) Trimmed((int Code, string Out, string Err) r) => (r.Code, r.Err.Trim());
    }
}
