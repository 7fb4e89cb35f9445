namespace StatsIngest.Normalize.Profiles;

/// <summary>A test on what a table's cells were understood to name (see config/profiles.json for the kinds).</summary>
public sealed record ProfileTest(ProfileTestKind Kind, IReadOnlyList<string> Values, int Min);
