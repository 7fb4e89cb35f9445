using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>One period of the contribution-rate trend against the baseline.</summary>
public sealed record TrendPoint(
    ReportingPeriod Period,
    Basis Basis,
    double Contribution,
    double Baseline,
    double DeviationPp,
    double? ChangePp,
    TrendDirection Direction,
    IndicatorValue Source)
{
    public bool BelowBaseline => DeviationPp < 0;
}
