using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// A computed indicator for one region and period: the value, or — when an input is missing or the formula is
/// undefined — <see cref="Value"/> null and <see cref="NotComputable"/> saying what is needed. <see cref="Inputs"/>
/// are the observations used, each with its vintage and provenance.
/// </summary>
public sealed record IndicatorValue(
    string Indicator,
    string Region,
    ReportingPeriod Period,
    Basis Basis,
    double? Value,
    string Unit,
    string? NotComputable,
    IReadOnlyList<Observation> Inputs)
{
    /// <summary>The part of GDP the value is about (<see cref="GdpPart.Code"/>): IND (all industry) unless said otherwise.</summary>
    public string Part { get; init; } = GdpPart.AllIndustry.Code;

    /// <summary>The vintages (file ids) of the inputs, ascending.</summary>
    public IReadOnlyList<long> InputVintages => Indicators.InputVintages.Of(Inputs);
}
