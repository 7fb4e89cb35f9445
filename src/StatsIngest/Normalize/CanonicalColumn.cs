namespace StatsIngest.Normalize;

/// <summary>The columns of the canonical tidy table.</summary>
public enum CanonicalColumn
{
    Period,
    Region,
    Indicator,
    Industry,
    Basis,
    Measure,
    Value,
    Unit,
    Status,
}
