namespace StatsIngest.Read;

/// <summary>What a reader found in a file, whatever its format: sheets of cells, how the file was decoded, and what the reader worked around.</summary>
public sealed record RawGrid(string FileName, string Format, string? Encoding, IReadOnlyList<RawSheet> Sheets)
{
    /// <summary>What the reader noticed and worked around (control characters removed, an encoding guessed, characters not decodable).</summary>
    public IReadOnlyList<ReadWarning> Warnings { get; init; } = [];
}
