using ClosedXML.Excel;

namespace StatsIngest.Report;

/// <summary>
/// Writes a header row and data rows to a worksheet with ClosedXML, tracking each column's display width so the
/// widths are set by the code, and freezing the header.
/// </summary>
internal sealed class TableSheet
{
    private const int MaxWidth = 60;
    private readonly IXLWorksheet _sheet;
    private readonly Dictionary<int, int> _widths = [];
    private readonly List<object?[]> _rows = [];
    private readonly List<StreamedRow>? _streamed;
    private StreamedRow? _overflow;

    /// <param name="streamed">Write the rows after ClosedXML saved the workbook (<see cref="StreamedRows"/>): for a
    /// large table on a sheet of its own, that nothing styles cell by cell afterwards.</param>
    public TableSheet(IXLWorksheet sheet, int headerRow, IReadOnlyList<string> headers, bool streamed = false)
    {
        _sheet = sheet;
        _streamed = streamed ? [] : null;
        HeaderRow = headerRow;
        Headers = headers.Select(Words.T).ToArray();
        for (var c = 0; c < headers.Count; c++)
        {
            var cell = sheet.Cell(headerRow, c + 1);
            cell.SetValue(Words.T(headers[c]));
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            TrackWidth(c + 1, HeaderWidth(Headers[c])); // a long header wraps onto two lines rather than widen its column
        }

        NextRow = headerRow + 1;
        if (sheet.SheetView.SplitRow == 0)
        {
            // The first table of a sheet is its main table: its header stays in view; later tables do not move it.
            sheet.SheetView.FreezeRows(headerRow);
        }
    }

    public int HeaderRow { get; }

    public IReadOnlyList<string> Headers { get; }

    public int NextRow { get; private set; }

    /// <summary>The table's last row (its header when it has no rows; Excel's last row when it overflowed).</summary>
    public int LastRow => _overflow?.Number ?? NextRow - 1;

    /// <summary>The rows as written (numbers as numbers, a missing number as null), for the companion CSV.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    public string SheetName => _sheet.Name;

    /// <summary>Excel's last row: rows past it go to the companion CSV only, and the sheet says so.</summary>
    public const int MaxRows = 1_048_576;

    public void AddRow(params object?[] values)
    {
        _rows.Add(values.Select(v => v switch { NumberCell n => n.Value, string t => Words.T(t), _ => v }).ToArray());
        if (NextRow >= MaxRows)
        {
            var more = Words.English
                ? $"… and {_rows.Count - (MaxRows - HeaderRow - 1)} more rows: the sheet is full; all of them are in the companion CSV"
                : $"…… 另有 {_rows.Count - (MaxRows - HeaderRow - 1)} 行：工作表已满，全部见配套 CSV";
            if (_streamed is null)
            {
                _sheet.Cell(MaxRows, 1).SetValue(more);
            }
            else
            {
                _overflow = new StreamedRow(MaxRows, [new StreamedCell(1, more, null, false, false)], null);
            }

            return;
        }

        var lines = 1;
        var cells = new List<StreamedCell>(values.Length);
        for (var c = 0; c < values.Length; c++)
        {
            if (Look(values[c], c + 1, ref lines) is { } cell)
            {
                cells.Add(cell);
            }
        }

        double? height = lines > 1 ? Math.Min(409, 15 * lines) : null; // Excel's highest row
        if (_streamed is not null)
        {
            _streamed.Add(new StreamedRow(NextRow, cells, height));
        }
        else
        {
            Write(cells, height);
        }

        NextRow++;
    }

    /// <summary>
    /// The rows of a streamed table (written after the workbook is saved, <see cref="StreamedSheets"/>): a table of
    /// thousands of rows costs ClosedXML seconds, the streaming writer milliseconds. Null for a table written with ClosedXML.
    /// </summary>
    public IEnumerable<StreamedRow>? StreamedRows => _streamed is null ? null : _overflow is null ? _streamed : _streamed.Append(_overflow);

    /// <summary>How a value is shown: a number with its format, a placeholder on the right, a text (wrapped when long).</summary>
    private StreamedCell? Look(object? value, int column, ref int lines)
    {
        switch (value)
        {
            case null:
                return null;
            case NumberCell { Value: { } v } n when double.IsFinite(v):
                Track(column, v.ToString(n.Format.Replace("#,##", "#,###", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
                return new StreamedCell(column, v, n.Format, false, false);
            case NumberCell n:
                if (n.Placeholder is not { } placeholder)
                {
                    return null;
                }

                Track(column, placeholder);
                return new StreamedCell(column, placeholder, null, true, false);
            case long or int:
                var whole = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                Track(column, whole.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new StreamedCell(column, whole, null, false, false);
            default:
                var text = CellText.Fit(Words.T(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                var width = DisplayWidth.Of(text);
                Track(column, text);
                if (width <= MaxWidth)
                {
                    return new StreamedCell(column, text, null, false, false);
                }

                // Long provenance texts wrap inside their column instead of running over the page.
                lines = Math.Max(lines, (width + MaxWidth - 1) / MaxWidth);
                return new StreamedCell(column, text, null, false, true);
        }
    }

    /// <summary>Writes a row's cells with ClosedXML.</summary>
    private void Write(List<StreamedCell> cells, double? height)
    {
        foreach (var c in cells)
        {
            var cell = _sheet.Cell(NextRow, c.Column);
            switch (c.Value)
            {
                case double d:
                    cell.SetValue(d);
                    cell.Style.NumberFormat.Format = c.Format;
                    break;
                case long l:
                    cell.SetValue(l);
                    break;
                default:
                    cell.SetValue((string)c.Value);
                    cell.DataType = XLDataType.Text;
                    break;
            }

            if (c.Right)
            {
                cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            }

            if (c.Wrap)
            {
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            }
        }

        if (height is { } h)
        {
            _sheet.Row(NextRow).Height = h;
        }
    }

    /// <summary>Sets the tracked widths on the columns; a column shared with another table on the sheet keeps the wider (never narrower than Excel's default).</summary>
    public void Finish()
    {
        var headerLines = 1;
        if (_sheet.SheetView.SplitRow == HeaderRow && NextRow > HeaderRow + 2 && !_sheet.AutoFilter.IsEnabled)
        {
            // The sheet's main table: a filter on its header, as on any data table.
            _sheet.Range(HeaderRow, 1, NextRow - 1, Headers.Count).SetAutoFilter();
        }

        foreach (var (column, width) in _widths)
        {
            var col = _sheet.Column(column);
            col.Width = Math.Max(col.Width, Math.Min(MaxWidth, width + 2));
            headerLines = Math.Max(headerLines, (int)Math.Ceiling(DisplayWidth.Of(Headers[column - 1]) / (col.Width - 1)));
        }

        if (headerLines > 1)
        {
            _sheet.Row(HeaderRow).Height = Math.Max(_sheet.Row(HeaderRow).Height, 15 * headerLines);
        }
    }

    /// <summary>Half a header's width (it may wrap once), but at least 6 and its longest word (up to 12).</summary>
    private static int HeaderWidth(string header)
    {
        var longestWord = header.Split(' ', '(', '（').Max(DisplayWidth.Of);
        return Math.Max(6, Math.Max((DisplayWidth.Of(header) + 1) / 2, Math.Min(12, longestWord)));
    }

    private void Track(int column, string text) => TrackWidth(column, DisplayWidth.Of(text));

    private void TrackWidth(int column, int w)
    {
        if (!_widths.TryGetValue(column, out var current) || w > current)
        {
            _widths[column] = w;
        }
    }
}
