using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// What one header, stub, section or title cell names — a period, a basis, a measure, a unit, an indicator or
/// product, an industry, a region, a status — or why its column or row is not stored, each with the reason it was
/// understood so (the code-list entry or the vocabulary word), for <c>validate --explain</c>.
/// </summary>
public sealed record CellFacts
{
    public static CellFacts Empty { get; } = new();

    /// <summary>The cell's text, folded (NFKC, no spaces).</summary>
    public string Text { get; init; } = string.Empty;

    public ParsedPeriod? Period { get; init; }

    public Basis? Basis { get; init; }

    public Measure? Measure { get; init; }

    /// <summary>The measure only follows from the unit (% → growth, 亿元 → level), no word says it.</summary>
    public bool MeasureFromUnit { get; init; }

    public string? Unit { get; init; }

    /// <summary>An indicator or product code, or a product label as written when unmapped.</summary>
    public string? Indicator { get; init; }

    /// <summary>An industry, sector, group or cluster code, or a label as written when unmapped.</summary>
    public string? Industry { get; init; }

    public string? Region { get; init; }

    public ObservationStatus? Status { get; init; }

    /// <summary>Why the column or row is not stored (a rank, a change in percentage points …).</summary>
    public string? Skip { get; init; }

    /// <summary>合计, 总计: the total of whatever the cells around it name (keeps its parent's subject).</summary>
    public bool IsTotal { get; init; }

    public bool Subset { get; init; }

    public bool Unmapped { get; init; }

    /// <summary>The label names entries of two code lists and nothing in the table says which.</summary>
    public Msg? Ambiguous { get; init; }

    /// <summary>Text nothing explains: no code list entry, no vocabulary word.</summary>
    public string Unexplained { get; init; } = string.Empty;

    public IReadOnlyList<string> Why { get; init; } = [];

    /// <summary>True when the cell names an indicator, product, industry or region (the subject of a series or its region).</summary>
    public bool NamesSubject => Indicator is not null || Industry is not null || IsTotal;

    public bool NamesAnything =>
        Period is not null || Basis is not null || Measure is not null || Unit is not null || NamesSubject || Region is not null
        || Status is not null || Skip is not null;

    public CellFacts Because(string why) => this with { Why = [.. Why, why] };
}
