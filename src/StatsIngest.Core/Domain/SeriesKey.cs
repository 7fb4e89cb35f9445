namespace StatsIngest.Domain;

/// <summary>
/// Identifies a time series: indicator code (e.g. <c>GDP</c>, <c>IVA_ALL</c>), region (e.g. <c>全国</c>), industry
/// code (<c>_T</c> for all, GB/T 4754 section or division otherwise), basis and measure.
/// </summary>
public sealed record SeriesKey(string Indicator, string Region, string Industry, Basis Basis, Measure Measure)
{
    /// <summary>The industry code that means "all industries covered by the indicator".</summary>
    public const string AllIndustries = "_T";

    public override string ToString() =>
        $"{Indicator}.{Region}.{Industry}.{Codes.Of(Basis)}.{Codes.Of(Measure)}";
}
