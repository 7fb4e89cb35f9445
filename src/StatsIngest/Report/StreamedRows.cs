namespace StatsIngest.Report;

/// <summary>
/// A cell of a table written after ClosedXML saved the workbook (<see cref="StreamedSheets"/>): its value — a
/// <see cref="double"/>, a <see cref="long"/> or a text — its number format, and how it is aligned.
/// </summary>
internal sealed class StreamedCell(int column, object value, string? format, bool right, bool wrap)
{
    public int Column { get; } = column;

    public object Value { get; } = value;

    /// <summary>The number format of a number (null: General).</summary>
    public string? Format { get; } = format;

    public bool Right { get; } = right;

    /// <summary>The text wraps inside its column (and then reads from the top).</summary>
    public bool Wrap { get; set; } = wrap;

    /// <summary>Aligned to the top: a wrapped text, or any cell of a row grown to the lines of another.</summary>
    public bool Top { get; set; } = wrap;
}

/// <summary>A row of a streamed table: its cells in column order and its height when it grew to wrapped lines.</summary>
internal sealed class StreamedRow(int number, IReadOnlyList<StreamedCell> cells, double? height)
{
    public int Number { get; } = number;

    public IReadOnlyList<StreamedCell> Cells { get; } = cells;

    public double? Height { get; set; } = height;

    /// <summary>Grows the row to <paramref name="height"/> (never shrinks it) and aligns its cells to the top.</summary>
    public void Grow(double height)
    {
        Height = Math.Max(Height ?? 0, height);
        foreach (var cell in Cells)
        {
            cell.Top = true;
        }
    }
}
