using ClosedXML.Excel;

namespace StatsIngest.Report;

/// <summary>
/// Makes a sheet print on the width of A4 landscape at a readable size: the columns keep the width of their content
/// up to a common cap, chosen so that the sheet's columns add up to <see cref="Budget"/> (never below
/// <see cref="MinCap"/>); text in a capped column wraps, and each row grows to its wrapped lines. For sheets of tables
/// (no merged cells: 概览 lays itself out).
/// </summary>
internal static class PrintFit
{
    /// <summary>Column-width units that print on A4 landscape at about 70%.</summary>
    public const double Budget = 180;

    /// <summary>The narrowest a long column is made (about 7 Chinese characters a line).</summary>
    public const double MinCap = 14;

    private const double LineHeight = 15;
    private const double MaxRowHeight = 409; // Excel's highest row

    /// <param name="lastColumn">The sheet's last used column (the caller knows it).</param>
    /// <param name="streamed">The rows of the sheet's streamed tables (not in ClosedXML's cells).</param>
    public static void Apply(IXLWorksheet ws, int lastColumn, IEnumerable<StreamedRow> streamed)
    {
        var columns = Enumerable.Range(1, lastColumn).Select(n => (Number: n, ws.Column(n).Width)).ToArray();
        var cap = Cap(columns.Select(c => c.Width).ToArray());
        var capped = columns.Where(c => c.Width > cap).Select(c => c.Number).ToHashSet();
        if (capped.Count == 0)
        {
            return;
        }

        foreach (var number in capped)
        {
            ws.Column(number).Width = cap;
        }

        var lines = new Dictionary<int, int>();
        foreach (var cell in capped.SelectMany(n => ws.Column(n).CellsUsed()).Where(c => c.DataType == XLDataType.Text))
        {
            if (Lines(cell.GetString(), cap) is { } n)
            {
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                var row = cell.Address.RowNumber;
                lines[row] = Math.Max(lines.GetValueOrDefault(row, 1), n);
            }
        }

        foreach (var (row, n) in lines)
        {
            var grown = ws.Row(row);
            grown.Height = Math.Max(grown.Height, Height(n));
            grown.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top; // a grown row reads from its top line
        }

        foreach (var row in streamed)
        {
            Fit(row, capped, cap);
        }
    }

    /// <summary>The same for a streamed row: its long texts in capped columns wrap, and the row grows to them.</summary>
    private static void Fit(StreamedRow row, HashSet<int> capped, double cap)
    {
        var most = 1;
        foreach (var cell in row.Cells)
        {
            if (capped.Contains(cell.Column) && cell.Value is string text && Lines(text, cap) is { } n)
            {
                cell.Wrap = true;
                most = Math.Max(most, n);
            }
        }

        if (most > 1)
        {
            row.Grow(Height(most));
        }
    }

    /// <summary>The lines a text takes in a column of the cap's width; null when it fits, or for a SHA-256, which no
    /// reader reads across four lines (its column shows its start).</summary>
    private static int? Lines(string text, double cap)
    {
        var width = DisplayWidth.Of(text);
        return width <= cap - 1 || IsHash(text) ? null : (int)Math.Ceiling(width / (cap - 1));
    }

    private static double Height(int lines) => Math.Min(MaxRowHeight, lines * LineHeight);

    private static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>The largest cap at which the widths, each cut to it, add up to no more than the budget (at least <see cref="MinCap"/>).</summary>
    public static double Cap(IReadOnlyList<double> widths)
    {
        if (widths.Sum() <= Budget)
        {
            return double.MaxValue;
        }

        var sorted = widths.Order().ToArray();
        var below = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var cap = (Budget - below) / (sorted.Length - i);
            if (cap <= sorted[i])
            {
                return Math.Max(MinCap, Math.Floor(cap));
            }

            below += sorted[i];
        }

        return double.MaxValue;
    }
}
