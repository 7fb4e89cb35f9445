namespace StatsIngest.Read;

/// <summary>
/// A file opened for reading, whatever its format: its sheets one after the other, each streamed (<see cref="SheetStream"/>),
/// how it was decoded, and what the reader worked around. A sheet not read to its end is passed over when the next is
/// asked for. <see cref="GridReader.Open"/> opens one; <see cref="ReadAll"/> takes every sheet whole.
/// </summary>
public sealed class GridSource(string fileName, string format, string? encoding, Func<GridSource, IEnumerable<SheetStream>> sheets, IDisposable? owned = null) : IDisposable
{
    private static readonly ReadLimits Unlimited = new() { MaxRows = int.MaxValue, MaxCellsPerSheet = int.MaxValue };
    private readonly List<SheetStream> _read = [];
    private IReadOnlyList<ReadWarning> _carried = [];

    public string FileName { get; } = fileName;

    public string Format { get; } = format;

    public string? Encoding { get; } = encoding;

    /// <summary>What the reader noticed and worked around so far (complete once every sheet was read).</summary>
    internal ReadWarnings Notices { get; } = new();

    public IReadOnlyList<ReadWarning> Warnings => [.. _carried, .. Notices.ToList()];

    /// <summary>A grid already in memory, as a source (its sheets are not limited again, its warnings carried).</summary>
    public static GridSource Of(RawGrid grid) =>
        new(grid.FileName, grid.Format, grid.Encoding, _ => grid.Sheets.Select(s => new SheetStream(s.Name, s.Rows, Unlimited, () => s.Merges))) { _carried = grid.Warnings };

    /// <summary>The sheets one after the other, in one pass.</summary>
    public IEnumerable<SheetStream> Sheets()
    {
        foreach (var sheet in sheets(this))
        {
            _read.Add(sheet);
            yield return sheet;
            sheet.Finish();
        }
    }

    /// <summary>What was read: format, encoding, each sheet with the rows read (for the quarantine report).</summary>
    public GridSummary Summary() => new(Format, Encoding, _read.Select(s => (s.Name, s.RowsRead)).ToArray());

    /// <summary>Every sheet taken whole, as one grid.</summary>
    public RawGrid ReadAll() =>
        new(FileName, Format, Encoding, Sheets().Select(s => s.Materialize()).ToArray()) { Warnings = Warnings };

    public void Dispose() => owned?.Dispose();
}
