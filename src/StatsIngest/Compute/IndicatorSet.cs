using StatsIngest.Indicators;

namespace StatsIngest.Compute;

/// <summary>The indicators computed from one state of the store: industry vs GDP for each region and period, and the contribution trend against the baseline.</summary>
public sealed record IndicatorSet(IReadOnlyList<IndicatorValue> IndustryVsGdp, IReadOnlyList<TrendPoint> Trend, double Baseline);
