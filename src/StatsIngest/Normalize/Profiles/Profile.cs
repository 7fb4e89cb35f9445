namespace StatsIngest.Normalize.Profiles;

/// <summary>
/// A kind of table an office publishes (config/profiles.json): its name (recorded as the file's layout), the
/// indicator of cells that name none, and the features that recognise it. Data, not code: a table that fits no
/// profile is still read when its cells are understood.
/// </summary>
public sealed record Profile(string Name, string Description, int Specificity, string? Indicator, IReadOnlyList<ProfileFeature> Features)
{
    /// <summary>The profile of a table that fits none: read from its cells alone.</summary>
    public static Profile Generic { get; } = new("table", "a table read from what its header, stub and title cells name", 0, null, []);
}
