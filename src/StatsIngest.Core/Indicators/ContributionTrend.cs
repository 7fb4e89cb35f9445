using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// The contribution-rate trend of all industry against a baseline (default 32.3%, the seed region's 2021 value): for
/// each period the value, the deviation from the baseline in pp, the change and direction against the previous
/// period of the same basis, and the 3-period moving average; per series, the slope over the last N periods (pp per
/// year, least squares), a direction label, and an alert when the rate stays below the baseline K periods running.
/// </summary>
public static class ContributionTrend
{
    /// <summary>Changes smaller than this (pp) read as flat: published contributions carry one decimal.</summary>
    public const double FlatThresholdPp = 0.05;

    /// <summary>A slope within ± this (pp per year) reads as stable.</summary>
    public const double StableSlopePpPerYear = 0.5;

    public const int MovingAveragePeriods = 3;

    public static IReadOnlyList<TrendPoint> Build(IEnumerable<IndicatorValue> contributions, double baseline) =>
        BuildAll(contributions, baseline, 5, 3).Points;

    public static (IReadOnlyList<TrendPoint> Points, IReadOnlyList<TrendSummary> Summaries) BuildAll(
        IEnumerable<IndicatorValue> contributions, double baseline, int slopePeriods, int alertPeriods)
    {
        var points = new List<TrendPoint>();
        var summaries = new List<TrendSummary>();
        foreach (var group in contributions
                     .Where(c => c.Indicator == IndicatorCodes.ContributionRate && c.Part == GdpPart.AllIndustry.Code && c.Value is not null)
                     .GroupBy(c => (c.Region, c.Basis, c.Period.Kind)))
        {
            var series = new List<TrendPoint>();
            double? previous = null;
            foreach (var c in group.OrderBy(c => c.Period))
            {
                var value = c.Value!.Value;
                double? change = previous is null ? null : value - previous.Value;
                var direction = change switch
                {
                    null => TrendDirection.None,
                    > FlatThresholdPp => TrendDirection.Up,
                    < -FlatThresholdPp => TrendDirection.Down,
                    _ => TrendDirection.Flat,
                };
                var window = series.Select(p => p.Contribution).Append(value).TakeLast(MovingAveragePeriods).ToArray();
                double? average = window.Length == MovingAveragePeriods ? window.Average() : null;
                series.Add(new TrendPoint(c.Period, c.Basis, value, baseline, value - baseline, change, direction, c) { MovingAverage = average });
                previous = value;
            }

            points.AddRange(series);
            summaries.Add(Summarize(group.Key.Region, group.Key.Basis, series, slopePeriods, alertPeriods));
        }

        return (points, summaries);
    }

    /// <summary>The least-squares slope of values over time in years; null with fewer than two points.</summary>
    public static double? Slope(IReadOnlyList<(double Years, double Value)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var mx = points.Average(p => p.Years);
        var my = points.Average(p => p.Value);
        var sxx = points.Sum(p => (p.Years - mx) * (p.Years - mx));
        return sxx == 0 ? null : points.Sum(p => (p.Years - mx) * (p.Value - my)) / sxx;
    }

    private static TrendSummary Summarize(string region, Basis basis, List<TrendPoint> series, int slopePeriods, int alertPeriods)
    {
        var last = series.TakeLast(slopePeriods).ToArray();
        var slope = Slope(last.Select(p => (p.Period.Year + (p.Period.EndMonth / 12.0), p.Contribution)).ToArray());
        var direction = slope switch
        {
            null => TrendDirection.None,
            > StableSlopePpPerYear => TrendDirection.Up,
            < -StableSlopePpPerYear => TrendDirection.Down,
            _ => TrendDirection.Flat,
        };
        var below = 0;
        for (var i = series.Count - 1; i >= 0 && series[i].BelowBaseline; i--)
        {
            below++;
        }

        var alert = below >= alertPeriods;
        return new TrendSummary(region, basis, series[^1].Period, last.Length, slope, direction, below, alert);
    }
}
