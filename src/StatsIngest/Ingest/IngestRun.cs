using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>What a batch gave: each file's outcome, the files that could not be claimed (and why), the workbook written, or why the refresh failed.</summary>
public sealed record IngestRun(IReadOnlyList<IngestOutcome> Outcomes, IReadOnlyList<(string Path, string Reason)> NotClaimed, string? Workbook, string? RefreshFailure)
{
    public bool Stored => Outcomes.Any(o => o.Outcome == DeliveryOutcome.Ingested);

    /// <summary>A file quarantined, one not claimed, or a workbook not written: what makes a command exit 1.</summary>
    public bool HasProblems => Outcomes.Any(o => o.Outcome == DeliveryOutcome.Quarantined) || NotClaimed.Count > 0 || RefreshFailure is not null;
}
