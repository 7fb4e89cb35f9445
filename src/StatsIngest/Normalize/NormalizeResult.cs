using StatsIngest.Domain;

namespace StatsIngest.Normalize;

/// <summary>What normalization made of a file: the layout per sheet, the observations, problems, notes, and the layouts that were tried.</summary>
public sealed record NormalizeResult(
    string? Layout,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Problem> Problems,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> LayoutsTried,
    int RowsRead)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<Problem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<Problem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}
