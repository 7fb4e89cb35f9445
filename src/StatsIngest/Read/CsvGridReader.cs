using CsvHelper;

namespace StatsIngest.Read;

/// <summary>Reads a CSV into a <see cref="RawGrid"/> with CsvHelper: encoding detected (BOM → strict UTF-8 → GB18030), separator detected, no type guessing.</summary>
public static class CsvGridReader
{
    public const string SheetName = "CSV";

    public static RawGrid Read(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default)
    {
        limits ??= ReadLimits.Default;
        var bytes = File.ReadAllBytes(path);
        var name = displayName ?? Path.GetFileName(path);
        if (bytes.Length == 0)
        {
            throw new GridReadException("Expected a CSV table, found an empty file (0 bytes).");
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        var detected = TextEncodingDetector.Detect(bytes);
        var (encoding, bomLength, encodingName) = (detected.Encoding, detected.BomLength, detected.Name);
        if (nul >= 0 && bomLength == 0 && encoding is not System.Text.UnicodeEncoding)
        {
            throw new GridReadException(
                $"Expected a CSV table (text), found binary content: byte {nul} of the file is a NUL byte. Is this a workbook saved with a .csv name?");
        }

        // CsvHelper reads UTF-8; anything else is transcoded first, so the reader always sees UTF-8.
        var utf8 = encodingName.StartsWith("UTF-8", StringComparison.Ordinal)
            ? bytes.AsMemory(bomLength)
            : System.Text.Encoding.UTF8.GetBytes(encoding.GetString(bytes, bomLength, bytes.Length - bomLength));

        var rows = new List<IReadOnlyList<RawCell>>();
        var count = new CellCount(limits, SheetName);
        var warnings = new ReadWarnings();
        if (detected.Warning is { } said)
        {
            warnings.Add("encoding", new ReadWarning(said, SheetName));
        }

        using (var csv = CsvReader.Create(utf8, new CsvReaderOptions
        {
            HasHeader = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
        }))
        {
            while (csv.Read())
            {
                var row = rows.Count + 1;
                count.Row(row, cancel);
                var cells = new List<RawCell>(Math.Min(csv.FieldCount, 256));
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var text = csv.GetString(i);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        count.Cell(row, i + 1, text.Length);
                        text = warnings.Clean(text, SheetName, row, i + 1);
                        if (string.IsNullOrWhiteSpace(text))
                        {
                            continue;
                        }

                        if (detected.Lossy && text.Contains('\uFFFD', StringComparison.Ordinal))
                        {
                            warnings.Add("undecodable", new ReadWarning("This cell holds bytes that could not be decoded (read as '�').", SheetName, row, i + 1, text));
                        }

                        cells.Add(new RawCell(row, i + 1, text.TrimEnd(), text.Trim()));
                    }
                }

                rows.Add(cells);
            }
        }

        return new RawGrid(name, "csv", encodingName, [new RawSheet(SheetName, rows)]) { Warnings = warnings.ToList() };
    }
}
