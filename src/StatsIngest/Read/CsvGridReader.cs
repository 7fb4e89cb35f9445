using System.Text;
using CsvHelper;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Reads a CSV with CsvHelper, streaming: encoding detected (BOM → strict UTF-8 → GB18030 …) in a first pass that
/// keeps nothing, separator detected, no type guessing, rows given one by one.
/// </summary>
public static class CsvGridReader
{
    public const string SheetName = "CSV";

    /// <summary>The whole file as a grid (for validate and the tests); the service streams it with <see cref="Open"/>.</summary>
    public static RawGrid Read(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default)
    {
        using var source = Open(path, displayName, limits, cancel);
        return source.ReadAll();
    }

    /// <param name="named">Said first among the file's warnings (a text table with a workbook's name).</param>
    public static GridSource Open(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default, Msg? named = null)
    {
        limits ??= ReadLimits.Default;
        if (new FileInfo(path).Length == 0)
        {
            throw new GridReadException(Msg.Of("Expected a CSV table, found an empty file (0 bytes)."));
        }

        var detected = TextEncodingDetector.Detect(path);
        if (detected.FirstNul >= 0 && detected.BomLength == 0 && detected.Encoding is not UnicodeEncoding)
        {
            throw new GridReadException(Msg.Of(
                "Expected a CSV table (text), found binary content: byte {offset} of the file is a NUL byte. Is this a workbook saved with a .csv name?", ("offset", detected.FirstNul)));
        }

        return new GridSource(displayName ?? Path.GetFileName(path), "csv", detected.Name, source => Sheet(source, path, detected, limits, cancel, named));
    }

    private static IEnumerable<SheetStream> Sheet(GridSource source, string path, DetectedEncoding detected, ReadLimits limits, CancellationToken cancel, Msg? named)
    {
        if (named is not null)
        {
            source.Notices.Add("named", new ReadWarning(named, SheetName));
        }

        if (detected.Warning is { } said)
        {
            source.Notices.Add("encoding", new ReadWarning(said, SheetName));
        }

        yield return new SheetStream(SheetName, Rows(source, path, detected, limits, cancel), limits);
    }

    private static IEnumerable<IReadOnlyList<RawCell>> Rows(GridSource source, string path, DetectedEncoding detected, ReadLimits limits, CancellationToken cancel)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        stream.Position = detected.BomLength;
        var options = new CsvReaderOptions { HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, SkipEmptyLines = false, TrackLineNumbers = true, PoolStrings = true };

        // UTF-8 goes to CsvHelper as bytes (its fast path); anything else through a reader of that encoding.
        using var csv = detected.Encoding is UTF8Encoding
            ? CsvReader.Create(stream, options, leaveOpen: true)
            : CsvReader.Create(new StreamReader(stream, detected.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true), options);
        var row = 0;
        while (csv.Read())
        {
            row++;
            if ((row & 0x3FF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }

            yield return Cells(csv, row, source.Notices, detected.Lossy, limits);
        }
    }

    private static List<RawCell> Cells(CsvReader csv, int row, ReadWarnings warnings, bool lossy, ReadLimits limits)
    {
        var cells = new List<RawCell>(Math.Min(csv.FieldCount, 64));
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var text = csv.GetString(i);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            CellCount.CheckLength(limits, SheetName, row, i + 1, text.Length);
            text = warnings.Clean(text, SheetName, row, i + 1);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (lossy && text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                warnings.Add("undecodable", new ReadWarning(Msg.Of("This cell holds bytes that could not be decoded (read as '�')."), SheetName, row, i + 1, text));
            }

            cells.Add(new RawCell(row, i + 1, text.TrimEnd(), text.Trim()));
        }

        return cells;
    }
}
