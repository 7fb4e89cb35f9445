namespace StatsIngest.Read;

/// <summary>One sheet (or the single table of a CSV) as rows of cells; <see cref="Rows"/>[i] is row i+1.</summary>
public sealed class RawSheet(string name, IReadOnlyList<IReadOnlyList<RawCell>> rows)
{
    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyList<RawCell>> Rows { get; } = rows;

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
