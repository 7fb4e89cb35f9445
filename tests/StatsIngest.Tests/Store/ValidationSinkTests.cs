using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>validate's sink gives back what a trial of the store gives, whether the rows' order let it spool them or it staged them.</summary>
public class ValidationSinkTests
{
    private static Observation Obs(int year, int month, string industry, Measure measure, double? value, string cell) =>
        new(new SeriesKey("IVA_ABOVE", "广东省", industry, Basis.Month, measure), ReportingPeriod.ForMonth(year, month), value,
            measure == Measure.Level ? "亿元" : "%", value is null ? ObservationStatus.Missing : month % 2 == 0 ? ObservationStatus.Provisional : ObservationStatus.Normal,
            new Provenance("月报.xlsx", "abc123", "表1", cell, value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…"));

    /// <summary>Period after period, every field a commit keeps varied: labels, flags, unit factors, missing values, −0.</summary>
    private static List<Observation> Ordered() =>
    [
        .. from month in Enumerable.Range(1, 12)
           from industry in new[] { "_T", "C", "39" }
           from measure in new[] { Measure.Level, Measure.YoY }
           let i = (month * 10) + industry.Length
           select Obs(2023, month, industry, measure, i % 7 == 0 ? null : i % 3 == 0 ? -0.0 : i * 1.25, $"C{i}") with
           {
               Label = industry == "39" ? "其中：计算机、通信和其他电子设备制造业" : string.Empty,
               Flags = industry == "39" ? ObservationFlags.Subset : ObservationFlags.None,
               UnitFactor = measure == Measure.Level && month % 3 == 0 ? 0.0001 : 1,
           },
    ];

    [Fact]
    public void Rows_in_an_order_that_vouches_are_spooled_and_read_back_as_a_trial_of_the_store_gives_them()
    {
        using var tmp = new TempFolder();
        var rows = Ordered();

        var (sunk, staged) = Both(tmp, rows, out var sink, out var trial);

        Assert.False(sink.Staged); // spooled: no store was staged into
        Assert.Equal(rows.Count, sink.Distinct());
        Assert.Equal(trial.Distinct(), sink.Distinct());
        Assert.Empty(sink.Conflicts(10));
        Assert.Equal(staged, sunk);
        Assert.DoesNotContain(sunk, o => o.Value is { } v && double.IsNegative(v)); // −0 as the store keeps it: 0
        Assert.Contains(rows, o => o.Value is { } v && v == 0 && double.IsNegative(v));
        Assert.Contains(sunk, o => o.Value is null && o.Status == ObservationStatus.Missing);
        sink.Dispose();
        trial.Dispose();
        Assert.Equal(["trial.db", "trial2.db"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // the spool removed
    }

    [Fact]
    public void At_a_row_its_order_does_not_vouch_for_the_rows_go_to_a_trial_of_the_store_which_finds_the_conflict()
    {
        using var tmp = new TempFolder();
        var rows = Ordered();
        rows.Insert(30, rows[3] with { Value = 999, Source = rows[3].Source with { Cell = "Z9" } }); // a series and period again, another value

        var (sunk, staged) = Both(tmp, rows, out var sink, out var trial);

        Assert.True(sink.Staged);
        Assert.Equal(rows.Count - 1, sink.Distinct());
        Assert.Equal(staged, sunk);
        Assert.DoesNotContain(sunk, o => o.Source.Cell == "Z9");
        var conflict = Assert.Single(sink.Conflicts(10));
        Assert.Equal(Assert.Single(trial.Conflicts(10)).ToString(), conflict.ToString());
        Assert.Contains("Z9", conflict.ToString(), StringComparison.Ordinal);
        sink.Dispose();
        trial.Dispose();
    }

    /// <summary>The same rows into a sink and into a trial of another store; what each gives back.</summary>
    private static (List<Observation> Sunk, List<Observation> Staged) Both(TempFolder tmp, List<Observation> rows, out ValidationSink sink, out FileSession trial)
    {
        sink = new ValidationSink(new ObservationStore(tmp.File("trial.db")), tmp.File("rows.spool"));
        trial = new ObservationStore(tmp.File("trial2.db")).BeginTrial();
        foreach (var o in rows)
        {
            sink.Add(o);
            trial.Add(o);
        }

        return ([.. sink.Observations("月报.xlsx", "abc123")], [.. trial.Staged("月报.xlsx", "abc123")]);
    }
}
