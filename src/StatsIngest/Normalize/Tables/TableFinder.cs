using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Splits a sheet into its tables. Stacked tables: after the data of one table, rows that bring a header of their own
/// before the next data (a new title and header, usually after a blank row) start the next table; section rows and
/// blank spacer rows do not. Tables side by side: a column empty from the header down, or a second stub header
/// ("指标 … 指标"), with labels below it, separates them; the title rows above are shared.
/// </summary>
public static class TableFinder
{
    public static IReadOnlyList<TableGeometry> Find(SheetCells cells)
    {
        var tables = new List<TableGeometry>();
        foreach (var (top, bottom) in Stacked(cells))
        {
            var left = Enumerable.Range(top, bottom - top + 1).SelectMany(r => cells.Cells(r)).Min(c => c.Column);
            var right = Enumerable.Range(top, bottom - top + 1).SelectMany(r => cells.Cells(r)).Max(c => c.Column);
            tables.AddRange(SideBySide(cells, top, bottom, left, right));
        }

        return tables;
    }

    /// <summary>The row ranges of the tables stacked on the sheet.</summary>
    private static List<(int Top, int Bottom)> Stacked(SheetCells cells)
    {
        var blocks = new List<(int, int)>();
        var top = 0;
        var last = 0;
        var data = new HashSet<int>(); // columns that held values in the current table
        for (var r = 1; r <= cells.RowCount; r++)
        {
            var row = cells.Cells(r);
            if (row.Count == 0)
            {
                continue;
            }

            if (top > 0 && data.Count > 0 && !cells.IsDataRow(r) && StartsTable(cells, r, data))
            {
                blocks.Add((top, last));
                top = 0;
                data.Clear();
            }

            top = top == 0 ? r : top;
            last = r;
            if (cells.IsDataRow(r))
            {
                data.UnionWith(row.Where(cells.IsValue).Select(c => c.Column));
            }
        }

        if (top > 0)
        {
            blocks.Add((top, last));
        }

        return blocks;
    }

    /// <summary>Between here and the next data row there is a header of its own: a row of texts over columns that held values.</summary>
    private static bool StartsTable(SheetCells cells, int row, HashSet<int> dataColumns)
    {
        for (var r = row; r <= cells.RowCount; r++)
        {
            if (cells.IsDataRow(r))
            {
                return false;
            }

            var texts = cells.Cells(r).Where(c => !cells.IsValue(c) && !cells.Words.IsNote(Label.Fold(c.Text))).ToArray();
            if ((texts.Length >= 2 && texts.Any(c => dataColumns.Contains(c.Column)) && texts.Any(c => IsHeaderWord(cells, c.Text)))
                || cells.IsYearsHeader(cells.Cells(r)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A text a header has and a row of data with unreadable values has not: a stub header, a period, a measure or basis word.</summary>
    private static bool IsHeaderWord(SheetCells cells, string text) =>
        cells.IsStubHeader(text) || PeriodParser.TryFind(text, out _, out _)
        || cells.Words.Measures.Find(text) is not null || cells.Words.Bases.Find(text) is not null || UnitText.SplitBracket(Label.Fold(text)).Bracket is not null;

    private static IEnumerable<TableGeometry> SideBySide(SheetCells cells, int top, int bottom, int left, int right)
    {
        var headerTop = Enumerable.Range(top, bottom - top + 1).FirstOrDefault(r => cells.Cells(r, left, right).Count >= 2);
        var split = headerTop == 0 ? 0 : SplitColumn(cells, headerTop, bottom, left, right);
        if (split == 0)
        {
            yield return new TableGeometry(cells, top, bottom, left, right, []);
            yield break;
        }

        var leftEnd = Enumerable.Range(headerTop, bottom - headerTop + 1).SelectMany(r => cells.Cells(r, left, split - 1)).Max(c => c.Column);
        var titleCells = Enumerable.Range(top, headerTop - top).SelectMany(r => cells.Cells(r)).ToArray();
        yield return new TableGeometry(cells, top, bottom, left, leftEnd, titleCells.Where(c => c.Column > leftEnd).ToArray());
        foreach (var t in SideBySide(cells, top, bottom, split, right))
        {
            yield return t.Left == split && t.SharedPreamble.Count == 0
                ? new TableGeometry(cells, top, bottom, t.Left, t.Right, titleCells.Where(c => c.Column < split).ToArray())
                : t;
        }
    }

    /// <summary>The first column of a second table to the right, or 0.</summary>
    private static int SplitColumn(SheetCells cells, int headerTop, int bottom, int left, int right)
    {
        var rows = Enumerable.Range(headerTop, bottom - headerTop + 1).ToArray();
        var used = rows.SelectMany(r => cells.Cells(r, left, right)).Select(c => c.Column).ToHashSet();
        for (var c = left + 1; c <= right; c++)
        {
            var afterGap = used.Contains(c) && !used.Contains(c - 1) && used.Any(u => u < c - 1);
            var secondStub = used.Contains(c) && rows.Any(r => cells.IsStubHeader(cells.Text(r, c)) && cells.Cells(r, left, c - 1).Any(x => cells.IsStubHeader(x.Text)));
            if ((afterGap || secondStub) && HasLabelsAndData(cells, rows, left, c - 1) && HasLabelsAndData(cells, rows, c, right) && LabelsAt(cells, rows, c))
            {
                return c;
            }
        }

        return 0;
    }

    private static bool HasLabelsAndData(SheetCells cells, int[] rows, int left, int right) => rows.Any(r => cells.IsDataRow(r, left, right));

    private static bool LabelsAt(SheetCells cells, int[] rows, int column)
    {
        var body = rows.Where(r => cells.IsDataRow(r)).Select(r => cells.Sheet.Cell(r, column)).OfType<RawCell>().ToArray();
        return body.Length > 0 && body.Count(c => !cells.IsValue(c) || cells.IsYear(c)) * 2 >= body.Length;
    }
}
