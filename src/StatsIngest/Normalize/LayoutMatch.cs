namespace StatsIngest.Normalize;

/// <summary>How well a layout fits a sheet: a score from 0 (nothing of it) to 1 (everything it needs), and what is missing.</summary>
public sealed record LayoutMatch(double Score, IReadOnlyList<string> Missing)
{
    public bool Fits => Score >= 1.0;
}
