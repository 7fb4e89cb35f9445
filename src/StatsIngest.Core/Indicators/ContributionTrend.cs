using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// The contribution-rate trend against a baseline (default 32.3%, the seed region's 2021 value): for each period
/// the value, the deviation from the baseline in pp, and the direction against the previous period of the same basis.
/// </summary>
public static class ContributionTrend
{
    /// <summary>Changes smaller than this (pp) read as flat: published contributions carry one decimal.</summary>
    public const double FlatThresholdPp = 0.05;

    public static IReadOnlyList<TrendPoint> Build(IEnumerable<IndicatorValue> contributions, double baseline)
    {
        var points = new List<TrendPoint>();
        foreach (var group in contributions
                     .Where(c => c.Indicator == IndicatorCodes.ContributionRate && c.Value is not null)
                     .GroupBy(c => (c.Region, c.Basis, c.Period.Kind)))
        {
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
                points.Add(new TrendPoint(c.Period, c.Basis, value, baseline, value - baseline, change, direction, c));
                previous = value;
            }
        }

        return points;
    }
}
