namespace StatsIngest.Normalize;

/// <summary>One code of a code list: its code, its name (Chinese and English) and the labels that mean it.</summary>
public sealed record CodeEntry(string Code, string Name, string? NameEn, string? Unit, string? Section, IReadOnlyList<string> Aliases);
