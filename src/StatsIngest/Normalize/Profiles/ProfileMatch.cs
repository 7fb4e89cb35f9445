namespace StatsIngest.Normalize.Profiles;

/// <summary>How a profile fits a table: the features found and those missing.</summary>
public sealed record ProfileMatch(Profile Profile, IReadOnlyList<string> Found, IReadOnlyList<string> Missing)
{
    public bool Fits => Missing.Count == 0;
}
