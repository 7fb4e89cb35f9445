namespace StatsIngest.Store;

/// <summary>The result of committing one file: its vintage id and how many observations were new or revised, and how many repeated the latest value.</summary>
public sealed record IngestCommit(long FileId, int Added, int Unchanged);
