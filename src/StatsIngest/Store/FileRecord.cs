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
}
