using StatsIngest.Domain;
using StatsIngest.Messages;

namespace StatsIngest.Normalize;

/// <summary>
/// What a layout read from one sheet: observations, problems, notes (footnotes), how many data rows it read, what it
/// found (period, unit, region, indicator — for validate and the 来源 sheet) and how each row label was mapped.
/// </summary>
public sealed record LayoutResult(IReadOnlyList<Observation> Observations, IReadOnlyList<Problem> Problems, IReadOnlyList<string> Notes, int RowsRead)
{
    public IReadOnlyList<Msg> Detail { get; init; } = [];

    public IReadOnlyList<LabelMapping> Mappings { get; init; } = [];
}

/// <summary>How one row label was understood: the label as published, and the codes it maps to (or that it maps to nothing).</summary>
public sealed record LabelMapping(string Sheet, int Row, string Label, string MappedTo, bool Unmapped, bool Subset);
