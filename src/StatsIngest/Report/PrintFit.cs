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
    public static void Apply(IXLWorksheet ws, int lastColumn)
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
            var text = cell.GetString();
            var width = DisplayWidth.Of(text);
            if (width <= cap - 1 || IsHash(text))
            {
                continue; // fits; or a SHA-256, which no reader reads across four lines (its column shows its start)
            }

            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            var row = cell.Address.RowNumber;
            lines[row] = Math.Max(lines.GetValueOrDefault(row, 1), (int)Math.Ceiling(width / (cap - 1)));
        }

        foreach (var (row, n) in lines)
        {
            var grown = ws.Row(row);
            grown.Height = Math.Max(grown.Height, Math.Min(MaxRowHeight, n * LineHeight));
            grown.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top; // a grown row reads from its top line
        }
    }

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
