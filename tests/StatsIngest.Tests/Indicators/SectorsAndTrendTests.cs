using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

public class SectorsAndTrendTests
{
    private static readonly (ReportingPeriod, Basis)[] Y2022 = [(ReportingPeriod.ForYear(2022), Basis.Year)];

    private static ObservationLookup Economy(double gdpGrowth) => Lookup(
        Year("GDP", "_T", 2021, Measure.Level, 100), Year("GDP", "_T", 2022, Measure.YoY, gdpGrowth),
        Year("GDP", "SEC1", 2021, Measure.Level, 10), Year("GDP", "SEC1", 2022, Measure.YoY, 2),
        Year("GDP", "SEC2", 2021, Measure.Level, 40), Year("GDP", "SEC2", 2022, Measure.YoY, 5),
        Year("GDP", "SEC3", 2021, Measure.Level, 50), Year("GDP", "SEC3", 2022, Measure.YoY, 6),
        Year("IVA_ALL", "_T", 2021, Measure.Level, 32), Year("IVA_ALL", "_T", 2022, Measure.YoY, -2),
        Year("GDP", "_T", 2022, Measure.Level, 110), Year("GDP", "SEC2", 2022, Measure.Level, 44));

    private static double Value(IEnumerable<IndicatorValue> values, GdpPart part, string indicator) =>
        values.Single(v => v.Part == part.Code && v.Indicator == indicator).Value!.Value;

    [Fact]
    public void The_three_sectors_contributions_sum_to_100_and_their_pulls_to_GDP_growth()
    {
        // GDP growth 5.2 = (10×2 + 40×5 + 50×6) / 100: consistent synthetic data.
        var lookup = Economy(5.2);
        var values = GdpPart.Sectors.SelectMany(p => IndustryVsGdp.Compute("全国", Y2022, lookup, p)).ToArray();

        Assert.Equal(20.0 / 520 * 100, Value(values, GdpPart.Primary, IndicatorCodes.ContributionRate), 12);
        Assert.Equal(100, GdpPart.Sectors.Sum(p => Value(values, p, IndicatorCodes.ContributionRate)), 10);
        Assert.Equal(5.2, GdpPart.Sectors.Sum(p => Value(values, p, IndicatorCodes.Pull)), 10);
        Assert.Equal(40, Value(values, GdpPart.Secondary, IndicatorCodes.Share), 12);
        Assert.Empty(ConsistencyChecks.Run([], values));
    }

    [Fact]
    public void Negative_industry_growth_gives_a_negative_contribution_and_zero_GDP_growth_none()
    {
        var falling = IndustryVsGdp.Compute("全国", Y2022, Economy(5.2));
        Assert.Equal(32 * -2 / (100 * 5.2) * 100, Value(falling, GdpPart.AllIndustry, IndicatorCodes.ContributionRate), 12);
        Assert.Equal(-0.64, Value(falling, GdpPart.AllIndustry, IndicatorCodes.Pull), 12);

        var bothFalling = IndustryVsGdp.Compute("全国", Y2022, Economy(-1));
        Assert.Equal(32 * -2 / (100 * -1.0) * 100, Value(bothFalling, GdpPart.AllIndustry, IndicatorCodes.ContributionRate), 12);

        var flat = IndustryVsGdp.Compute("全国", Y2022, Economy(0)).Single(v => v.Indicator == IndicatorCodes.ContributionRate);
        Assert.Null(flat.Value);
        Assert.Equal("not computable: GDP growth is 0, so there is no growth to contribute to", flat.NotComputable);
    }

    [Fact]
    public void The_trend_has_a_moving_average_a_slope_in_pp_per_year_and_an_alert_below_the_baseline()
    {
        var values = new[] { 30.0, 32, 34, 36 }.Select((c, i) => new IndicatorValue(IndicatorCodes.ContributionRate, "全国",
            ReportingPeriod.ForYear(2019 + i), Basis.Year, c, "%", null, [])).ToArray();

        var (points, summaries) = ContributionTrend.BuildAll(values, baseline: 40, slopePeriods: 5, alertPeriods: 3);

        Assert.Equal([null, null, 32.0, 34.0], points.Select(p => p.MovingAverage));
        Assert.Equal([-10.0, -8, -6, -4], points.Select(p => p.DeviationPp));
        var summary = Assert.Single(summaries);
        Assert.Equal(2, summary.SlopePpPerYear!.Value, 12);
        Assert.Equal(TrendDirection.Up, summary.Direction);
        Assert.Equal(4, summary.PeriodsBelowBaseline);
        Assert.True(summary.Alert);

        var above = ContributionTrend.BuildAll(values, baseline: 33, slopePeriods: 2, alertPeriods: 3).Summaries.Single();
        Assert.False(above.Alert);
        Assert.Equal(0, above.PeriodsBelowBaseline);
        Assert.Equal(2, above.SlopePeriods);
    }

    [Fact]
    public void A_single_year_of_data_gives_no_slope()
    {
        var one = new IndicatorValue(IndicatorCodes.ContributionRate, "全国", ReportingPeriod.ForYear(2022), Basis.Year, 36.9, "%", null, []);

        var summary = ContributionTrend.BuildAll([one], 32.3, 5, 3).Summaries.Single();

        Assert.Null(summary.SlopePpPerYear);
        Assert.Equal(TrendDirection.None, summary.Direction);
    }
}
