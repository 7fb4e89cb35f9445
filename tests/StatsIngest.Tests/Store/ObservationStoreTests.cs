using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

public class ObservationStoreTests
{
    private static readonly SeriesKey GdpLevel = new("GDP", "全国", "_T", Basis.Year, Measure.Level);

    private static Observation Gdp2021(double value, ObservationStatus status, string file) =>
        new(GdpLevel, ReportingPeriod.ForYear(2021), value, "亿元", status, new Provenance(file, file + "-sha", "CSV", "G4", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static FileRecord File(string name, DateTimeOffset at) =>
        new(0, name + "-sha", name, 100, at, "csv", "UTF-8", "canonical", 1, 0, 0, [], [], "archive/" + name);

    [Fact]
    public void A_revision_adds_a_vintage_and_keeps_the_earlier_one()
    {
        using var tmp = new TempFolder();
        var store = new ObservationStore(tmp.File("s.db"));
        var t1 = new DateTimeOffset(2022, 2, 28, 0, 0, 0, TimeSpan.Zero);
        var t2 = new DateTimeOffset(2022, 12, 27, 0, 0, 0, TimeSpan.Zero);

        var first = store.CommitFile(File("prelim.csv", t1), [Gdp2021(1143670, ObservationStatus.Provisional, "prelim.csv")], t1);
        var second = store.CommitFile(File("final.csv", t2), [Gdp2021(1149237, ObservationStatus.Normal, "final.csv")], t2);

        Assert.Equal((1, 0), (first.Added, first.Unchanged));
        Assert.Equal((1, 0), (second.Added, second.Unchanged));
        var latest = Assert.Single(store.LatestObservations());
        Assert.Equal(1149237, latest.Value);
        Assert.Equal(second.FileId, latest.VintageId);
        Assert.Equal("final.csv", latest.Source.FileName);
        Assert.Equal([1143670.0, 1149237.0], store.AllObservations().Select(o => o.Value!.Value));
        var asOf = Assert.Single(store.LatestObservations(new DateTimeOffset(2022, 6, 30, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1143670, asOf.Value);
        Assert.Equal(ObservationStatus.Provisional, asOf.Status);
    }

    [Fact]
    public void A_version_4_database_is_upgraded_in_place_with_its_vintages_and_takes_index_measures()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("v4.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            Schema.Migrate(c, upTo: 4);
            using var insert = c.CreateCommand();
            insert.CommandText = """
                INSERT INTO files (id, sha256, file_name, size_bytes, ingested_at, format, layout, rows_read, observations_added, observations_unchanged, warnings, notes, archive_path)
                VALUES (1, 'abc', 'old.csv', 10, '2023-01-01T00:00:00.0000000Z', 'csv', 'canonical', 1, 1, 0, '', '', 'archive/old.csv');
                INSERT INTO series (id, indicator, region, industry, basis, measure) VALUES (7, 'GDP', '全国', '_T', 'A', 'L');
                INSERT INTO observations (series_id, period, value, unit, status, file_id, sheet, cell, raw_text) VALUES (7, '2021', 1149237, '亿元', 'A', 1, 'CSV', 'G2', '1149237');
                INSERT INTO deliveries (file_name, sha256, received_at, outcome, file_id, stored_path, detail) VALUES ('old.csv', 'abc', '2023-01-01T00:00:00.0000000Z', 'ingested', 1, 'archive/old.csv', '');
                """;
            insert.ExecuteNonQuery();
        }

        var store = new ObservationStore(path);

        var old = Assert.Single(store.LatestObservations());
        Assert.Equal((1149237.0, 1L, "old.csv"), (old.Value!.Value, old.VintageId, old.Source.FileName));
        Assert.Equal(FileRecord.Ingested, store.FindFile("abc")!.Reason);
        var t = new DateTimeOffset(2023, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var index = new Observation(GdpLevel with { Measure = Measure.IndexPreviousYear }, ReportingPeriod.ForYear(2021), 108.4, "上年=100", ObservationStatus.Normal,
            new Provenance("idx.xlsx", "idx-sha", "3-4", "B7", "108.4")) { Flags = ObservationFlags.None };
        store.CommitFile(File("idx.xlsx", t), [index, index with { Key = GdpLevel with { Measure = Measure.YoY }, Value = 8.4, Unit = "%", Flags = ObservationFlags.Derived }], t);
        Assert.Equal(ObservationFlags.Derived, store.LatestObservations().Single(o => o.Key.Measure == Measure.YoY).Flags);
        using var check = store.OpenConnection();
        using var fk = check.CreateCommand();
        fk.CommandText = "PRAGMA foreign_key_check";
        using var r = fk.ExecuteReader();
        Assert.False(r.Read(), "no broken foreign key after the upgrade");
    }

    [Fact]
    public void The_same_value_again_is_counted_unchanged_not_stored_twice()
    {
        using var tmp = new TempFolder();
        var store = new ObservationStore(tmp.File("s.db"));
        var t = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        store.CommitFile(File("a.csv", t), [Gdp2021(1149237, ObservationStatus.Normal, "a.csv")], t);

        var again = store.CommitFile(File("b.csv", t.AddDays(1)), [Gdp2021(1149237, ObservationStatus.Normal, "b.csv")], t.AddDays(1));

        Assert.Equal((0, 1), (again.Added, again.Unchanged));
        Assert.Single(store.AllObservations());
        Assert.Equal(2, store.Files().Count);
    }

    [Fact]
    public void Reopening_the_database_keeps_everything_and_the_schema_version()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("s.db");
        var t = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        new ObservationStore(path).CommitFile(File("a.csv", t), [Gdp2021(1, ObservationStatus.Normal, "a.csv")], t);

        var reopened = new ObservationStore(path);

        Assert.Single(reopened.LatestObservations());
        Assert.NotNull(reopened.FindFile("a.csv-sha"));
        Assert.Equal(DeliveryOutcome.Ingested, Assert.Single(reopened.Deliveries()).Outcome);
    }
}
