using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace StatsIngest.Read;

/// <summary>
/// Reads .xlsx and legacy .xls (BIFF8) with ExcelDataReader, streaming, using the values Excel cached for formula
/// cells (formulas are never evaluated).
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
        if (format == "xlsx" && IsZip(stream))
        {
            XlsxInspection.Check(path, limits);
        }

        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var rows = new List<IReadOnlyList<RawCell>>();
                var count = new CellCount(limits, reader.Name ?? "?");
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
                            cells.Add(new RawCell(row, i + 1, text.TrimEnd(), value));
                        }
                    }

                    rows.Add(cells);
                }

                var merges = (reader.MergeCells ?? [])
                    .Select(m => new MergedRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1))
                    .ToArray();
                sheets.Add(new RawSheet(reader.Name ?? $"Sheet{sheets.Count + 1}", rows, merges));
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not GridReadException and not OperationCanceledException and not OutOfMemoryException and not InsufficientExecutionStackException)
        {
            throw new GridReadException(
                $"Expected an Excel workbook (.xlsx or .xls), but the file could not be opened as one: {ex.Message} " +
                $"The file starts with the bytes {FirstBytes(path)}.", ex);
        }

        return new RawGrid(name, format, null, sheets);
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
