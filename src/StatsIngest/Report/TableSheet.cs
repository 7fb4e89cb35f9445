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

    public TableSheet(IXLWorksheet sheet, int headerRow, IReadOnlyList<string> headers)
    {
        _sheet = sheet;
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
            _sheet.Cell(MaxRows, 1).SetValue(Words.English
                ? $"… and {_rows.Count - (MaxRows - HeaderRow - 1)} more rows: the sheet is full; all of them are in the companion CSV"
                : $"…… 另有 {_rows.Count - (MaxRows - HeaderRow - 1)} 行：工作表已满，全部见配套 CSV");
            return;
        }

        var lines = 1;
        for (var c = 0; c < values.Length; c++)
        {
            var cell = _sheet.Cell(NextRow, c + 1);
            switch (values[c])
            {
                case null:
                    break;
                case NumberCell n:
                    if (n.Value is { } v)
                    {
                        cell.SetValue(v);
                        cell.Style.NumberFormat.Format = n.Format;
                        Track(c + 1, v.ToString(n.Format.Replace("#,##", "#,###", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (n.Placeholder is { } placeholder)
                    {
                        cell.SetValue(placeholder);
                        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                        Track(c + 1, placeholder);
                    }

                    break;
                case long l:
                    cell.SetValue(l);
                    Track(c + 1, l.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case int i:
                    cell.SetValue(i);
                    Track(c + 1, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    var text = CellText.Fit(Words.T(Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                    cell.SetValue(text);
                    cell.DataType = XLDataType.Text;
                    var width = DisplayWidth.Of(text);
                    if (width > MaxWidth)
                    {
                        // Long provenance texts wrap inside their column instead of running over the page.
                        cell.Style.Alignment.WrapText = true;
                        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                        lines = Math.Max(lines, (width + MaxWidth - 1) / MaxWidth);
                    }

                    Track(c + 1, text);
                    break;
            }
        }

        if (lines > 1)
        {
            _sheet.Row(NextRow).Height = Math.Min(409, 15 * lines); // Excel's highest row
        }

        NextRow++;
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
