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

    /// <summary>Another indicator of industry against GDP (pull, share …) for the same region, part, period and basis as <paramref name="like"/>.</summary>
    public IndicatorValue? Beside(IndicatorValue like, string indicator) =>
        IndustryVsGdp.FirstOrDefault(v => v.Indicator == indicator && v.Region == like.Region && v.Part == like.Part && v.Period == like.Period && v.Basis == like.Basis);

    public IReadOnlyList<PanelRow> Panel { get; init; } = [];

    public IReadOnlyList<DriverValue> Drivers { get; init; } = [];

    /// <summary>False when some groups of drivers were left as stored (<see cref="DriverPlan"/>): <see cref="Drivers"/> holds only those computed.</summary>
    public bool EveryDriver { get; init; } = true;

    public IReadOnlyList<TierCount> Tiers { get; init; } = [];

    public IReadOnlyList<TargetProgress> Targets { get; init; } = [];

    /// <summary>Every consistency check made, passed or not.</summary>
    public IReadOnlyList<ConsistencyResult> Checks { get; init; } = [];

    /// <summary>The checks that did not hold.</summary>
    public IReadOnlyList<ConsistencyResult> Warnings => Checks.Where(c => !c.Passed).ToArray();

    public IReadOnlyList<IndicatorRecord> Records { get; init; } = [];
}
