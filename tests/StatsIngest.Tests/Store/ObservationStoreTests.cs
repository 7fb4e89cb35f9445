using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>What only the SQLite store has: upgrading a database of an older schema in place (the rest: <see cref="StoreBehaviourTests"/>, on both providers).</summary>
public class ObservationStoreTests
{
    private static readonly SeriesKey GdpLevel = new("GDP", "全国", "_T", Basis.Year, Measure.Level);

    private static Observation Gdp2021(double value, ObservationStatus status, string file) =>
        new(GdpLevel, ReportingPeriod.ForYear(2021), value, "亿元", status, new Provenance(file, file + "-sha", "CSV", "G4", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static FileRecord File(string name, DateTimeOffset at) =>
        new(0, name + "-sha", name, 100, at, "csv", "UTF-8", "canonical", 1, 0, 0, [], [], "archive/" + name);

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
}
