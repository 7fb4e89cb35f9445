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
