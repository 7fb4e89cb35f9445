namespace StatsIngest.Normalize.Lexicon;

/// <summary>
/// One code of a code list: its code, its name (Chinese and English), the labels that mean it, and for industries
/// its kind (total, section, division, sector, group, ownership, cluster), section and, for groups, member codes.
/// </summary>
public sealed record CodeEntry(string Code, string Name, string? NameEn, string? Unit, string? Section, IReadOnlyList<string> Aliases)
{
    public string Kind { get; init; } = string.Empty;

    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>The indicator this entry is a part of when a table names none (a sector's value added is a part of GDP).</summary>
    public string? Indicator { get; init; }

    /// <summary>The code's id in SDMX exports where the code itself is not one (a region's GB/T 2260 code); null otherwise.</summary>
    public string? Sdmx { get; init; }
}
