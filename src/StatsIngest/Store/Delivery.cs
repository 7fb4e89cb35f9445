namespace StatsIngest.Store;

/// <summary>A file that arrived, whatever became of it: ingested, archived as a duplicate, or quarantined.</summary>
public sealed record Delivery(long Id, string FileName, string Sha256, DateTimeOffset ReceivedAt, DeliveryOutcome Outcome, long? FileId, string StoredPath, string Detail);
