using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>What became of one file: where it is now, and a line that says why.</summary>
public sealed record IngestOutcome(string FileName, DeliveryOutcome Outcome, string StoredPath, string Detail, IngestCommit? Commit = null);
