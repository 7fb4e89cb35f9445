using StatsIngest.Domain;
using StatsIngest.Messages;

namespace StatsIngest.Normalize;

/// <summary>What normalization made of a file: the profile of each table, the observations, problems, notes, and how each table was understood.</summary>
public sealed record NormalizeResult(
    string? Layout,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Problem> Problems,
    IReadOnlyList<string> Notes,
    int RowsRead)
{
    /// <summary>Per table: the profile chosen and why, the period, unit and region found, each column's key.</summary>
    public IReadOnlyList<Msg> Details { get; init; } = [];

    /// <summary>Every row label and what it was mapped to.</summary>
    public IReadOnlyList<LabelMapping> Mappings { get; init; } = [];

    /// <summary>Every table with its cells as understood (validate --explain).</summary>
    public IReadOnlyList<TableExplanation> Tables { get; init; } = [];

    /// <summary>The labels that matched no code list entry, once each.</summary>
    public IReadOnlyList<string> Unmapped => Mappings.Where(m => m.Unmapped).Select(m => m.Label).Distinct(StringComparer.Ordinal).ToArray();

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<Problem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<Problem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}
