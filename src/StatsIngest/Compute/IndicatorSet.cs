using StatsIngest.Indicators;

namespace StatsIngest.Compute;

/// <summary>
/// The indicators computed from one state of the store: industry and its parts against GDP, the contribution trend
/// with its summary, the monthly panel, the drivers of industrial growth, scale tiers, targets, and the consistency
/// warnings — and all of them flat (<see cref="Records"/>) for the store, the export and revisions.
/// </summary>
public sealed record IndicatorSet(IReadOnlyList<IndicatorValue> IndustryVsGdp, IReadOnlyList<TrendPoint> Trend, double Baseline)
{
    public IReadOnlyList<TrendSummary> TrendSummaries { get; init; } = [];

    public IReadOnlyList<PanelRow> Panel { get; init; } = [];

    public IReadOnlyList<DriverValue> Drivers { get; init; } = [];

    public IReadOnlyList<TierCount> Tiers { get; init; } = [];

    public IReadOnlyList<TargetProgress> Targets { get; init; } = [];

    public IReadOnlyList<ConsistencyWarning> Warnings { get; init; } = [];

    public IReadOnlyList<IndicatorRecord> Records { get; init; } = [];
}
