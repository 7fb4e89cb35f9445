using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Tests.Indicators;

public class IndustryVsGdpTests
{
    private static Observation Obs(string indicator, int year, Measure measure, double value, long vintage) =>
        new(new SeriesKey(indicator, "全国", SeriesKey.AllIndustries, Basis.Year, measure), ReportingPeriod.ForYear(year), value,
            measure == Measure.Level ? "亿元" : "%", ObservationStatus.Normal, new Provenance("f.csv", "00", "CSV", "A1", value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        { VintageId = vintage };

    private static ObservationLookup Lookup(params Observation[] observations)
    {
        var index = observations.ToDictionary(o => (o.Key, o.Period));
        return (k, p) => index.GetValueOrDefault((k, p));
    }

    [Fact]
    public void National_2022_matches_the_published_36_percent_and_1_1_pp_from_the_2021_final_levels()
    {
        var lookup = Lookup(
            Obs(IndicatorCodes.Gdp, 2021, Measure.Level, 1149237, 2),
            Obs(IndicatorCodes.IndustryValueAdded, 2021, Measure.Level, 374546, 2),
            Obs(IndicatorCodes.Gdp, 2022, Measure.YoY, 3.0, 3),
            Obs(IndicatorCodes.IndustryValueAdded, 2022, Measure.YoY, 3.4, 3));

        var values = IndustryVsGdp.Compute("全国", [(ReportingPeriod.ForYear(2022), Basis.Year)], lookup);
        var contribution = values.Single(v => v.Indicator == IndicatorCodes.ContributionRate);
        var pull = values.Single(v => v.Indicator == IndicatorCodes.Pull);

        // domain.md: ±2 pp on contribution, ±0.15 pp on pull against published figures.
        Assert.InRange(contribution.Value!.Value, 36 - 2, 36 + 2);
        Assert.InRange(pull.Value!.Value, 1.1 - 0.15, 1.1 + 0.15);
        Assert.Equal(374546 * 3.4 / (1149237 * 3.0) * 100, contribution.Value!.Value, 10);
        Assert.Equal([2L, 3L], contribution.InputVintages);
    }

    [Fact]
    public void A_missing_previous_year_says_what_is_needed_instead_of_a_number()
    {
        var lookup = Lookup(
            Obs(IndicatorCodes.Gdp, 2022, Measure.YoY, 3.0, 1),
            Obs(IndicatorCodes.IndustryValueAdded, 2022, Measure.YoY, 3.4, 1),
            Obs(IndicatorCodes.Gdp, 2022, Measure.Level, 1210207, 1));

        var values = IndustryVsGdp.Compute("全国", [(ReportingPeriod.ForYear(2022), Basis.Year)], lookup);
        var contribution = values.Single(v => v.Indicator == IndicatorCodes.ContributionRate);

        Assert.Null(contribution.Value);
        Assert.Equal("not computable: needs 全部工业增加值 level 2021, GDP level 2021", contribution.NotComputable);
        Assert.Contains("全部工业增加值 level 2022", values.Single(v => v.Indicator == IndicatorCodes.Share).NotComputable, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_reads_each_period_against_the_baseline()
    {
        var lookup = Lookup(
            Obs(IndicatorCodes.Gdp, 2020, Measure.Level, 1000, 1),
            Obs(IndicatorCodes.IndustryValueAdded, 2020, Measure.Level, 300, 1),
            Obs(IndicatorCodes.Gdp, 2021, Measure.YoY, 5, 1),
            Obs(IndicatorCodes.IndustryValueAdded, 2021, Measure.YoY, 6, 1),
            Obs(IndicatorCodes.Gdp, 2021, Measure.Level, 1050, 1),
            Obs(IndicatorCodes.IndustryValueAdded, 2021, Measure.Level, 318, 1),
            Obs(IndicatorCodes.Gdp, 2022, Measure.YoY, 4, 1),
            Obs(IndicatorCodes.IndustryValueAdded, 2022, Measure.YoY, 3, 1));

        var values = IndustryVsGdp.Compute("全国", [(ReportingPeriod.ForYear(2021), Basis.Year), (ReportingPeriod.ForYear(2022), Basis.Year)], lookup);
        var trend = ContributionTrend.Build(values, 32.3);

        Assert.Equal(2, trend.Count);
        Assert.Equal(36.0, trend[0].Contribution, 10); // 300×6 / (1000×5) × 100
        Assert.Equal(3.7, trend[0].DeviationPp, 10);
        Assert.Equal(TrendDirection.None, trend[0].Direction);
        var expected2022 = 318.0 * 3 / (1050 * 4) * 100; // 22.714…
        Assert.Equal(expected2022, trend[1].Contribution, 10);
        Assert.True(trend[1].BelowBaseline);
        Assert.Equal(TrendDirection.Down, trend[1].Direction);
        Assert.Equal(expected2022 - 36.0, trend[1].ChangePp!.Value, 10);
    }
}
