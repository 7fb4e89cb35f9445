namespace StatsIngest.Read;

/// <summary>What a reader found in a file, whatever its format: sheets of cells, and how the file was decoded.</summary>
public sealed record RawGrid(string FileName, string Format, string? Encoding, IReadOnlyList<RawSheet> Sheets);
