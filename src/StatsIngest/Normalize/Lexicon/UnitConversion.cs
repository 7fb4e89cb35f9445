namespace StatsIngest.Normalize.Lexicon;

/// <summary>How a published figure becomes a stored value: the unit stored and the factor applied (1 when unchanged).</summary>
public readonly record struct UnitConversion(string Unit, double Factor)
{
    public double? Apply(double? published) =>
        published is { } v && Factor != 1 ? Math.Round(v * Factor, 10) : published;
}
