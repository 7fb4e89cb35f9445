namespace StatsIngest.Store;

/// <summary>An ingested file: the vintage its observations belong to.</summary>
public sealed record FileRecord(
    long Id,
    string Sha256,
    string FileName,
    long SizeBytes,
    DateTimeOffset IngestedAt,
    string Format,
    string? Encoding,
    string Layout,
    int RowsRead,
    int ObservationsAdded,
    int ObservationsUnchanged,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    string ArchivePath)
{
    /// <summary>Row labels that matched no code list entry, as published (one entry per label).</summary>
    public IReadOnlyList<string> Unmapped { get; init; } = [];

    /// <summary>Why the layout was chosen and the period, unit and region found, in one or two lines.</summary>
    public string LayoutDetail { get; init; } = string.Empty;

    /// <summary>Why this vintage exists: "ingested" (the file arrived) or "reprocessed" (an archived file read again with a newer reader, code lists or rules).</summary>
    public string Reason { get; init; } = Ingested;

    /// <summary>For a reprocessed vintage, the vintage of the file's first reading.</summary>
    public long? ReprocessOf { get; init; }

    public const string Ingested = "ingested";

    public const string Reprocessed = "reprocessed";
}
