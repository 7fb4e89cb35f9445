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
    string ArchivePath);
