namespace StatsIngest.Read;

/// <summary>One sheet (or the single table of a CSV) as rows of cells; <see cref="Rows"/>[i] is row i+1.</summary>
public sealed class RawSheet(string name, IReadOnlyList<IReadOnlyList<RawCell>> rows, IReadOnlyList<MergedRange>? merges = null)
{
    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyList<RawCell>> Rows { get; } = rows;

    /// <summary>The merged ranges of the sheet (none for CSV).</summary>
    public IReadOnlyList<MergedRange> Merges { get; } = merges ?? [];

    /// <summary>
    /// The text a reader sees at a position: the cell's own text, or, inside a merged range, the text of its top-left
    /// cell (a merged header cell is carried to every column and row it covers).
    /// </summary>
    public string MergedText(int row, int column)
    {
        foreach (var m in Merges)
        {
            if (m.Contains(row, column))
            {
                return Cell(m.FromRow, m.FromColumn)?.Text ?? string.Empty;
            }
        }

        return Cell(row, column)?.Text ?? string.Empty;
    }

    /// <summary>The cell at a 1-based row and column, or null when it is empty or outside the sheet.</summary>
    public RawCell? Cell(int row, int column)
    {
        if (row < 1 || row > Rows.Count)
        {
            return null;
        }

        foreach (var c in Rows[row - 1])
        {
            if (c.Column == column)
            {
                return c;
            }
        }

        return null;
    }
}
