using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Compute;

/// <summary>Runs the domain formulas over the latest vintage of the store (or the vintage known at an as-of date).</summary>
public static class IndicatorCalculator
{
    public static IndicatorSet Compute(IReadOnlyList<Observation> latest, double baseline)
    {
        var index = latest.ToDictionary(o => (o.Key, o.Period));
        ObservationLookup lookup = (key, period) => index.GetValueOrDefault((key, period));

        var results = new List<IndicatorValue>();
        foreach (var region in latest.Where(o => o.Key.Indicator == IndicatorCodes.Gdp).Select(o => o.Key.Region).Distinct().Order(StringComparer.Ordinal))
        {
            var periods = latest
                .Where(o => o.Key.Indicator == IndicatorCodes.Gdp && o.Key.Region == region && o.Key.Industry == SeriesKey.AllIndustries
                            && o.Key.Basis is Basis.Year or Basis.YearToDate or Basis.Quarter)
                .Select(o => (o.Period, o.Key.Basis));
            results.AddRange(IndustryVsGdp.Compute(region, periods, lookup));
        }

        return new IndicatorSet(results, ContributionTrend.Build(results, baseline), baseline);
    }
}
