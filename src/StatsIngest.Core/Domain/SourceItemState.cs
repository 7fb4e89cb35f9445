namespace StatsIngest.Domain;

/// <summary>The last state of an item of a collection source: validators for conditional requests, the hash, the outcome.</summary>
public sealed record SourceItemState(
    string Source,
    string Item,
    string? ETag,
    string? LastModified,
    string? Sha256,
    long? SizeBytes,
    DateTimeOffset? FetchedAt,
    DateTimeOffset CheckedAt,
    string Outcome,
    string Detail);
