namespace StatsIngest.Read;

/// <summary>What a reader found in a file, whatever its format: sheets of cells, how the file was decoded, and what the reader worked around.</summary>
public sealed record RawGrid(string FileName, string Format, string? Encoding, IReadOnlyList<RawSheet> Sheets)
{
    /// <summary>What the reader noticed and worked around (control characters removed, an encoding guessed, characters not decodable).</summary>
    public IReadOnlyList<ReadWarning> Warnings { get; init; } = [];

    public GridSummary Summary() => new(Format, Encoding, Sheets.Select(s => (s.Name, s.Rows.Count)).ToArray());
}

/// <summary>What a reading found, without the cells: the format, the encoding, each sheet with its rows (for reports).</summary>
public sealed record GridSummary(string Format, string? Encoding, IReadOnlyList<(string Name, int Rows)> Sheets);
