using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

public class ChecksAndRevisionsTests
{
    private static readonly ReportingPeriod June = ReportingPeriod.ForMonth(2022, 6);

    private static Observation Level(string industry, double value, ObservationFlags flags = ObservationFlags.None) =>
        Obs("IVA_ABOVE", industry, June, Basis.YearToDate, Measure.Level, value) with
        {
            Flags = flags,
            Source = new Provenance("synthetic.csv", "00", "CSV", "A1", value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),
        };

    [Fact]
    public void Parts_within_rounding_of_the_total_pass_and_beyond_it_warn_without_changing_anything()
    {
        // One decimal published: each figure may be off by 0.05, so 4 figures allow 0.2.
        Observation[] rounded = [Level("_T", 100.0), Level("B", 10.1), Level("C", 80.0), Level("D", 10.1)];
        Assert.Empty(ConsistencyChecks.Run(rounded));

        Observation[] off = [Level("_T", 100.0), Level("B", 10.5), Level("C", 80.0), Level("D", 10.1)];
        var warning = Assert.Single(ConsistencyChecks.Run(off));
        Assert.Equal(("sections-sum-to-total", 100.0, 0.6), (warning.Check, warning.Expected, Math.Round(warning.Difference, 10)));
        Assert.Equal(0.2, warning.Tolerance, 10);
        Assert.Equal(10.5, off[1].Value);
    }

    [Fact]
    public void A_subset_larger_than_its_total_warns()
    {
        var warning = Assert.Single(ConsistencyChecks.Run([Level("_T", 100.0), Level("HITECH", 120.0, ObservationFlags.Subset)]));
        Assert.Equal("subset-above-total", warning.Check);
    }

    [Fact]
    public void The_checks_over_the_observations_they_look_at_find_what_they_find_over_a_whole_file()
    {
        // A file's levels and growth: GDP and its sectors (off by 1), industry's total, sections (off by 0.5), divisions, a 其中 row above its total.
        Observation[] file =
        [
            Year(IndicatorCodes.Gdp, "_T", 2022, Measure.Level, 1000.0), Year(IndicatorCodes.Gdp, "SEC1", 2022, Measure.Level, 100.0),
            Year(IndicatorCodes.Gdp, "SEC2", 2022, Measure.Level, 400.0), Year(IndicatorCodes.Gdp, "SEC3", 2022, Measure.Level, 501.0),
            Year(IndicatorCodes.Gdp, "_T", 2022, Measure.YoY, 5.0), Year(IndicatorCodes.Gdp, "SEC2", 2022, Measure.YoY, 4.0),
            Level("_T", 100.0), Level("B", 10.5), Level("C", 80.0), Level("D", 10.1), Level("C13", 30.0), Level("C39", 20.0),
            Level("HITECH", 120.0, ObservationFlags.Subset),
            Obs("IVA_ABOVE", "C13", June, Basis.YearToDate, Measure.YoY, 3.0),
        ];

        var kept = file.Where(ConsistencyChecks.LooksAt).ToArray();

        Assert.Equal(9, kept.Length); // not the growth rates, not the divisions
        var whole = ConsistencyChecks.RunAll(file).Select(c => (c.Check, c.Message, c.Passed)).ToArray();
        Assert.Equal(["sections-sum-to-total", "sectors-sum-to-gdp", "subset-above-total"], whole.Select(c => c.Check).Order(StringComparer.Ordinal));
        Assert.Equal(whole, ConsistencyChecks.RunAll(kept).Select(c => (c.Check, c.Message, c.Passed)));
    }

    [Fact]
    public void A_revised_input_changes_the_indicator_and_the_revision_names_the_input()
    {
        var prelim = Year("GDP", "_T", 2021, Measure.Level, 1143670, vintage: 1);
        var final = Year("GDP", "_T", 2021, Measure.Level, 1149237, vintage: 2);
        var growth = Year("GDP", "_T", 2022, Measure.YoY, 3.0, vintage: 1);
        IndicatorRecord Record(Observation level, double value) => new("gdp", "PULL", "全国", "IND", "2022", "A", value, "百分点", null, [level, growth]);

        var revisions = IndicatorRevisions.Compare([Record(prelim, 1.11)], [Record(final, 1.108)]);

        var r = Assert.Single(revisions);
        Assert.Equal((1.11, 1.108), (r.Before.Value, r.After.Value));
        Assert.Equal("GDP.全国._T.A.L 2021: 1143670 (vintage 1) → 1149237 (vintage 2)", r.Describe());
        Assert.Empty(IndicatorRevisions.Compare([Record(prelim, 1.11)], [Record(prelim, 1.11)]));
        var notComputableBefore = Record(prelim, 1.11) with { Value = null, Note = "not computable: needs …" };
        Assert.Empty(IndicatorRevisions.Compare([notComputableBefore], [Record(final, 1.108)]));
    }
}
