using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

/// <summary>The calculator over a store's observations: which parts of GDP are computed for which periods.</summary>
public class IndicatorCalculatorTests
{
    [Fact]
    public void A_part_of_GDP_is_computed_for_the_periods_its_series_has_in_any_measure_or_value_and_the_headline_always()
    {
        Observation[] observations =
        [
            Year("GDP", "_T", 2021, Measure.Level, 100), Year("GDP", "_T", 2022, Measure.Level, 110), Year("GDP", "_T", 2022, Measure.YoY, 5.2),
            Year("GDP", "_T", 2023, Measure.Level, 120), Year("GDP", "_T", 2023, Measure.YoY, 4),
            // 第二产业: growth only, and only in 2022; 第一产业: a missing value in 2023 (the series is there all the same).
            Year("GDP", "SEC2", 2022, Measure.YoY, 5),
            Year("GDP", "SEC1", 2023, Measure.Level, null),
            // 全部工业 in 2021 and 2022 (the headline names what is missing in 2023); 制造业 of another region only.
            Year("IVA_ALL", "_T", 2021, Measure.Level, 32), Year("IVA_ALL", "_T", 2022, Measure.YoY, -2),
            Obs("IVA_ALL", "C", ReportingPeriod.ForYear(2022), Basis.Year, Measure.YoY, 3, region: "广东省"),
        ];

        var set = IndicatorCalculator.Compute(observations, IndicatorSettings.Default(2024), null, TargetProfile.Empty);

        string[] Periods(GdpPart part) => [.. set.IndustryVsGdp.Where(v => v.Part == part.Code && v.Region == "全国").Select(v => v.Period.Code).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(["2021", "2022", "2023"], Periods(GdpPart.AllIndustry));
        Assert.Equal(["2022"], Periods(GdpPart.Secondary));
        Assert.Equal(["2023"], Periods(GdpPart.Primary));
        Assert.Empty(Periods(GdpPart.Manufacturing));
        Assert.Empty(Periods(GdpPart.Tertiary));
        Assert.DoesNotContain(set.IndustryVsGdp, v => v.Region == "广东省"); // no GDP of its own
    }
}
