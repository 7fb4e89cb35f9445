namespace StatsIngest.Store;

/// <summary>
/// The result of committing one file: its vintage id and how many observations were new or revised, and how many repeated
/// the latest value; for a new reading of a file, how many values the file gave before it no longer gives (withdrawn).
/// </summary>
public sealed record IngestCommit(long FileId, int Added, int Unchanged, int Withdrawn = 0);
