using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace StatsIngest.Read;

/// <summary>
/// Reads .xlsx and legacy .xls (BIFF8) with ExcelDataReader, streaming, using the values Excel cached for formula
/// cells (formulas are never evaluated). A cell holding an error value (#DIV/0!, #N/A …), which ExcelDataReader gives
/// as empty, is put back with its error text (found by the inspection of an .xlsx), so it is warned about, not lost.
/// </summary>
public static class ExcelGridReader
{
    static ExcelGridReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static RawGrid Read(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default)
    {
        limits ??= ReadLimits.Default;
        var name = displayName ?? Path.GetFileName(path);
        var sheets = new List<RawSheet>();
        using var stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length == 0)
        {
            throw new GridReadException("Expected an Excel workbook, found an empty file (0 bytes).");
        }

        var format = Path.GetExtension(path).Equals(".xls", StringComparison.OrdinalIgnoreCase) ? "xls" : "xlsx";
        var errorCells = format == "xlsx" && IsZip(stream) ? XlsxInspection.Check(path, limits) : null;
        var warnings = new ReadWarnings();

        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var sheetName = reader.Name ?? $"Sheet{sheets.Count + 1}";
                var rows = new List<IReadOnlyList<RawCell>>();
                var count = new CellCount(limits, sheetName);
                while (reader.Read())
                {
                    var row = rows.Count + 1;
                    count.Row(row, cancel);
                    var cells = new List<RawCell>();
                    for (var i = 0; i < Math.Min(reader.FieldCount, 16_384); i++)
                    {
                        var value = reader.GetValue(i);
                        var text = Text(value);
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            count.Cell(row, i + 1, text.Length);
                            var clean = warnings.Clean(text, sheetName, row, i + 1);
                            if (!string.IsNullOrWhiteSpace(clean))
                            {
                                cells.Add(new RawCell(row, i + 1, clean.TrimEnd(), value is string ? clean : value));
                            }
                        }
                    }

                    rows.Add(cells);
                }

                PutBackErrors(rows, errorCells?.GetValueOrDefault(sheetName));

                var merges = (reader.MergeCells ?? [])
                    .Select(m => new MergedRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1))
                    .ToArray();
                sheets.Add(new RawSheet(sheetName, rows, merges));
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not GridReadException and not OperationCanceledException and not OutOfMemoryException and not InsufficientExecutionStackException)
        {
            throw new GridReadException(
                $"Expected an Excel workbook (.xlsx or .xls), but the file could not be opened as one: {ex.Message} " +
                $"The file starts with the bytes {FirstBytes(path)}.", ex);
        }

        return new RawGrid(name, format, null, sheets) { Warnings = warnings.ToList() };
    }

    private static void PutBackErrors(List<IReadOnlyList<RawCell>> rows, IReadOnlyList<(int Row, int Column, string Error)>? errors)
    {
        foreach (var (row, column, error) in errors ?? [])
        {
            if (row <= rows.Count && error.Length > 0 && rows[row - 1] is List<RawCell> cells && cells.All(c => c.Column != column))
            {
                cells.Add(new RawCell(row, column, error, error));
                cells.Sort((a, b) => a.Column.CompareTo(b.Column));
            }
        }
    }

    private static bool IsZip(Stream stream)
    {
        var head = new byte[4];
        var n = stream.Read(head, 0, 4);
        stream.Position = 0;
        return n == 4 && head[0] == 'P' && head[1] == 'K';
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string FirstBytes(string path)
    {
        var buffer = new byte[8];
        using var s = File.OpenRead(path);
        var n = s.Read(buffer, 0, buffer.Length);
        return Convert.ToHexString(buffer, 0, n) + (n == 0 ? "(none)" : string.Empty);
    }
}
