namespace StatsIngest.Normalize;

/// <summary>What reading takes from other sections of the settings: the region of rows that name none (Indicators:DefaultRegion) and the layout hints of collection sources, as rules.</summary>
public sealed record ReadingDefaults(string DefaultRegion, IReadOnlyList<SourceRule> SourceRules);
