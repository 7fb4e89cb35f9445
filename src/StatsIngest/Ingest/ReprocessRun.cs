namespace StatsIngest.Ingest;

/// <summary>What reading archived files again gave: each file's outcome, the workbook written, or why the refresh failed.</summary>
public sealed record ReprocessRun(IReadOnlyList<ReprocessOutcome> Outcomes, string? Workbook, string? RefreshFailure)
{
    public bool HasProblems => Outcomes.Any(o => o.Result is ReprocessResult.Failed or ReprocessResult.Missing) || RefreshFailure is not null;
}
