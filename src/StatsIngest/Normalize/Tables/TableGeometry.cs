using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Where one table lies on a sheet: its rows and columns, the preamble above it (title, unit row, scope note), the
/// header rows (one to four, merged cells carried to every column they cover), the stub columns on the left (labels,
/// codes, units, or periods down the rows), the data columns, and the first data row. Found by
/// <see cref="TableFinder"/>; read by <see cref="TableInterpreter"/>.
/// </summary>
public sealed class TableGeometry
{
    private const int MaxHeaderRows = 4;

    internal TableGeometry(SheetCells cells, int top, int bottom, int left, int right, IReadOnlyList<RawCell> sharedPreamble)
    {
        Cells = cells;
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
        SharedPreamble = sharedPreamble;
        Locate();
    }

    public SheetCells Cells { get; }

    public RawSheet Sheet => Cells.Sheet;

    public int Top { get; }

    public int Bottom { get; }

    public int Left { get; }

    public int Right { get; }

    /// <summary>Title cells above several tables side by side, shared by each.</summary>
    public IReadOnlyList<RawCell> SharedPreamble { get; }

    /// <summary>The cells above the header (title, unit row, scope note), and unit declarations inside the header, top to bottom.</summary>
    public IReadOnlyList<RawCell> Preamble { get; private set; } = [];

    public int HeaderTop { get; private set; }

    public int HeaderBottom { get; private set; }

    /// <summary>The first row of the body: section rows directly above the first data row belong to it.</summary>
    public int BodyTop { get; private set; }

    public int FirstDataRow { get; private set; }

    public IReadOnlyList<int> StubColumns { get; private set; } = [];

    /// <summary>The last stub column of those left of the values (a unit column may stand after them); left of the table when none.</summary>
    private int _stubEnd;

    public IReadOnlyList<int> DataColumns { get; private set; } = [];

    public bool HasHeader => HeaderTop > 0;

    public bool HasData => FirstDataRow > 0;

    /// <summary>The first stub column (where row labels are), or the table's left column when it has none.</summary>
    public int LabelColumn => StubColumns.Count > 0 ? StubColumns[0] : Left;

    /// <summary>"A3:E15" — the table's extent, for reports.</summary>
    public string Range => CellReference.ToA1(Top, Left) + ":" + CellReference.ToA1(Bottom, Right);

    /// <summary>The header texts above a column, top to bottom, with the row each comes from; merged cells carried, a text repeated by a merge given once.</summary>
    public IReadOnlyList<(int Row, string Text)> HeaderPath(int column)
    {
        var path = new List<(int, string)>();
        if (!HasHeader)
        {
            return path;
        }

        for (var r = HeaderTop; r <= HeaderBottom; r++)
        {
            var text = Cells.MergedText(r, column);
            if (text.Length == 0 && Sheet.Merges.Count == 0 && r < HeaderBottom && column > LabelColumn)
            {
                // No merge information (CSV, or a sheet saved without merges): an upper header cell spans to the right.
                for (var c = column - 1; c > LabelColumn && text.Length == 0 && !StubColumns.Contains(c); c--)
                {
                    text = Cells.Text(r, c);
                }
            }

            var folded = Label.Fold(text);
            if (folded.Length > 0 && UnitText.Declaration(folded) is null && (path.Count == 0 || path[^1].Item2 != folded))
            {
                path.Add((r, folded));
            }
        }

        return path;
    }

    private void Locate()
    {
        FirstDataRow = FindFirstDataRow();
        if (FirstDataRow == 0)
        {
            Preamble = SharedPreamble.Concat(Enumerable.Range(Top, Bottom - Top + 1).SelectMany(r => Cells.Cells(r, Left, Right))).ToArray();
            return;
        }

        StubColumns = FindStubColumns();
        BodyTop = FirstDataRow;
        while (BodyTop - 1 >= Top && IsSectionRow(BodyTop - 1))
        {
            BodyTop--;
        }

        var r = BodyTop - 1;
        var top = 0;
        while (r >= Top && BodyTop - r <= MaxHeaderRows && IsHeaderRow(r))
        {
            top = r--;
        }

        if (top > 0)
        {
            HeaderTop = top;
            HeaderBottom = BodyTop - 1;
        }

        var preambleEnd = top > 0 ? top - 1 : BodyTop - 1;
        var headerCells = top > 0 ? Enumerable.Range(top, BodyTop - top).SelectMany(x => Cells.Cells(x, Left, Right)) : [];
        Preamble = SharedPreamble
            .Concat(Enumerable.Range(Top, Math.Max(0, preambleEnd - Top + 1)).SelectMany(x => Cells.Cells(x, Left, Right)))
            .Concat(headerCells.Where(c => UnitText.Declaration(c.Text) is not null))
            .ToArray();
        DataColumns = FindDataColumns();
    }

    private int FindFirstDataRow()
    {
        for (var r = Top; r <= Bottom; r++)
        {
            if (Cells.IsDataRow(r, Left, Right))
            {
                return r;
            }
        }

        return 0;
    }

    private IEnumerable<int> DataRows() =>
        Enumerable.Range(FirstDataRow, Bottom - FirstDataRow + 1).Where(r => Cells.IsDataRow(r, Left, Right));

    /// <summary>
    /// The columns from the left whose body cells are labels: mostly text, or codes (a 代码 header, or codes with a
    /// leading zero), or — first of all — years or periods down the rows. The first column of values ends the stub.
    /// </summary>
    private int[] FindStubColumns()
    {
        var rows = DataRows().ToArray();
        var first = rows.Min(r => Cells.Cells(r, Left, Right)[0].Column);
        var stub = new List<int>();
        for (var c = first; c <= Right; c++)
        {
            var column = rows.Select(r => Cells.Sheet.Cell(r, c)).OfType<RawCell>().ToArray();
            if (column.Length == 0)
            {
                continue;
            }

            // A column of labels holds no value at all; one number (or a missing marker) makes it a data column.
            var labels = column.All(x => !Cells.IsValue(x));
            var periods = (stub.Count == 0 || HeaderKind(c) == StubKind.Period) && column.Length >= 2
                && column.All(x => Cells.IsYear(x) || PeriodParser.TryParse(x.Text, out var p) && p.Year is not null);
            if (!labels && !periods && !IsCodeColumn(c, column))
            {
                break;
            }

            stub.Add(c);
        }

        _stubEnd = stub.Count > 0 ? stub[^1] : Left - 1;
        return [.. stub, .. TrailingUnitColumn(rows, stub)];
    }

    /// <summary>
    /// The last column when it holds the rows' units after their values (a data platform's long export: "地区,指标名称,
    /// 统计时间,数值,单位"): headed 单位 or 计量单位, no value in it. A unit column is a stub column wherever it stands.
    /// </summary>
    private IEnumerable<int> TrailingUnitColumn(int[] rows, List<int> stub)
    {
        var column = rows.Select(r => Cells.Sheet.Cell(r, Right)).OfType<RawCell>().ToArray();
        if (stub.Count > 0 && stub[^1] < Right - 1 && column.Length > 0 && column.All(x => !Cells.IsValue(x)) && HeaderKind(Right, whole: true) == StubKind.Unit)
        {
            yield return Right;
        }
    }

    /// <summary>What the header of a column above the body names as a stub header (代码, 时间, 单位 …), or null.</summary>
    private StubKind? HeaderKind(int column, bool whole = false)
    {
        var header = Enumerable.Range(Top, Math.Max(0, FirstDataRow - Top)).Select(r => Cells.MergedText(r, column)).LastOrDefault(t => t.Length > 0);
        return header is null ? null : (whole ? Cells.Words.StubHeaders.Whole(header) : Cells.Words.StubHeaders.Find(header))?.Meaning;
    }

    private bool IsCodeColumn(int column, RawCell[] cells)
    {
        if (HeaderKind(column) == StubKind.Code)
        {
            return true;
        }

        // Codes written as text keep their leading zero ("06"); a column of them is a stub of codes.
        return cells.All(x => Cells.IsIndustryCode(x.Text)) && cells.Any(x => x.Text.StartsWith('0') || char.IsAsciiLetter(x.Text[0]));
    }

    private int[] FindDataColumns()
    {
        var last = _stubEnd;
        var from = HasHeader ? HeaderTop : FirstDataRow;
        var used = new SortedSet<int>();
        for (var r = from; r <= Bottom; r++)
        {
            foreach (var c in Cells.Cells(r, last + 1, Right))
            {
                if (!StubColumns.Contains(c.Column))
                {
                    used.Add(c.Column);
                }
            }
        }

        return [.. used];
    }

    /// <summary>A one-cell row in the stub directly above the data ("分行业", "按行业分组"): a section of the body.</summary>
    private bool IsSectionRow(int row)
    {
        var cells = Cells.Cells(row, Left, Right);
        return cells.Count == 1 && cells[0].Column == LabelColumn && !Cells.IsStubHeader(cells[0].Text)
               && UnitText.Declaration(cells[0].Text) is null && !Cells.IsDataRow(row, Left, Right);
    }

    private bool IsHeaderRow(int row)
    {
        var cells = Cells.Cells(row, Left, Right);
        if (cells.Count == 0 || cells.Any(c => UnitText.Declaration(c.Text) is not null && c.Column <= LabelColumn))
        {
            return false;
        }

        var meaningful = cells.Where(c => UnitText.Declaration(c.Text) is null).ToArray();
        if (meaningful.Length >= 2)
        {
            return true;
        }

        // A one-cell row is a header row when a merged header range reaches into it or it names the label column.
        return meaningful.Length == 1 && (Cells.IsStubHeader(meaningful[0].Text)
            || Sheet.Merges.Any(m => m.FromRow < row && m.ToRow >= row && m.FromColumn >= Left && m.ToColumn <= Right)
            || (meaningful[0].Column > LabelColumn && Cells.Cells(row + 1, Left, Right).Count >= 2));
    }
}
