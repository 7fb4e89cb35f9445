using StatsIngest.Domain;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// What a row label means: the series coordinates its values belong to, a unit the label carries ("钢材（万吨）"),
/// flags (subset, unmapped), a description for validate, and — for tables whose rows name the measure, like portal
/// exports ("工业增加值_累计增长(%)") — the measure and basis.
/// </summary>
public sealed record RowTarget(string Indicator, string Region, string Industry, string? Unit, ObservationFlags Flags, string MappedTo)
{
    public Measure? Measure { get; init; }

    public BasisHint Basis { get; init; }
}

/// <summary>What the rows of a table name, so labels are looked up in the right code list first.</summary>
public enum RowLabelKind
{
    /// <summary>Indicators, industries (sections, divisions, groups, ownership types), products and regions, in that order.</summary>
    Mixed,

    /// <summary>Regions (市州, 区县); a label not in regions.json is stored as written and flagged unmapped.</summary>
    Regions,

    /// <summary>Industries and the plan's clusters (产业规模 tables).</summary>
    Industries,
}

/// <summary>How a layout wants the shared table reader to read its table.</summary>
public sealed record TableSettings(string Layout, string Indicator, ObservationStatus Status, RowLabelKind Rows)
{
    /// <summary>A layout's own reading of row labels (portal exports); null falls back to the code lists.</summary>
    public Func<string, string, RowTarget?>? MapLabel { get; init; }
}
