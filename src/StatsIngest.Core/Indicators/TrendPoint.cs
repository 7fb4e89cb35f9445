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

    /// <summary>The mean of this and the two previous periods of the series; null for the first two.</summary>
    public double? MovingAverage { get; init; }
}

/// <summary>
/// A trend series in one line: the latest period, the slope over the last <see cref="SlopePeriods"/> periods (pp per
/// year), a direction label, how many periods running the rate has been below the baseline, and the alert.
/// </summary>
public sealed record TrendSummary(
    string Region,
    Basis Basis,
    ReportingPeriod Latest,
    int SlopePeriods,
    double? SlopePpPerYear,
    TrendDirection Direction,
    int PeriodsBelowBaseline,
    bool Alert)
{
    /// <summary>The direction in words as the indicators' notes keep it (English): rising, falling, stable, or why there is none.</summary>
    public string DirectionText => Direction switch
    {
        TrendDirection.Up => "rising",
        TrendDirection.Down => "falling",
        TrendDirection.Flat => "stable",
        _ => "not enough data (a trend needs two periods)",
    };
}
