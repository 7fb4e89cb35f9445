namespace StatsIngest.Normalize;

/// <summary>
/// How well a layout fits a sheet: a score from 0 (nothing of it) to 1 (everything it needs), what it found (the
/// reasons it fits) and what is missing.
/// </summary>
public sealed record LayoutMatch(double Score, IReadOnlyList<string> Missing)
{
    public IReadOnlyList<string> Found { get; init; } = [];

    /// <summary>Among layouts that fit, the more specific wins (an NBS release table over a generic monthly table).</summary>
    public int Specificity { get; init; }

    public bool Fits => Score >= 1.0;

    /// <summary>Scores a list of features: each is (what, present); the score is the share present.</summary>
    public static LayoutMatch Of(int specificity, params (string What, bool Present)[] features) =>
        new(features.Length == 0 ? 0 : (double)features.Count(f => f.Present) / features.Length,
            features.Where(f => !f.Present).Select(f => f.What).ToArray())
        {
            Found = features.Where(f => f.Present).Select(f => f.What).ToArray(),
            Specificity = specificity,
        };
}
