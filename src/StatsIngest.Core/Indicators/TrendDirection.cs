namespace StatsIngest.Indicators;

public enum TrendDirection
{
    /// <summary>No earlier value to compare with.</summary>
    None,
    Up,
    Down,
    Flat,
}
