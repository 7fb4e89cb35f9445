namespace StatsIngest.Normalize.Profiles;

/// <summary>One feature of a profile, said in words for reports; it holds when any of its tests does.</summary>
public sealed record ProfileFeature(string What, IReadOnlyList<ProfileTest> AnyOf);
