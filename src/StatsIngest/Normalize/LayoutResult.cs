using StatsIngest.Domain;

namespace StatsIngest.Normalize;

/// <summary>What a layout read from one sheet: observations, problems, notes (footnotes) and how many data rows it read.</summary>
public sealed record LayoutResult(IReadOnlyList<Observation> Observations, IReadOnlyList<Problem> Problems, IReadOnlyList<string> Notes, int RowsRead);
