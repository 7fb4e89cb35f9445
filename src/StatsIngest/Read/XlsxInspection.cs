using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace StatsIngest.Read;

/// <summary>
/// Looks through an .xlsx before it is read, streaming and within the limits: every XML part decompressed no further
/// than Limits:MaxXmlPartMegabytes (a zip bomb stops there), no DTD (entity expansion, external entities), cell
/// references within Excel's grid (a reference like <c>AAAAAAAAAAAA1</c> would make a reader allocate without end),
/// rows, cells and cell lengths, shared strings within the limits. A file that breaks one is refused with a message
/// naming the limit and its setting.
/// </summary>
internal static class XlsxInspection
{
    private const int MaxColumn = 16_384;
    private const int MaxEntries = 10_000;

    public static void Check(string path, ReadLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new GridReadException($"Expected an Excel workbook (.xlsx: a zip package), but the file is not a readable zip ({ex.Message}).", ex);
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                throw new GridReadException($"The workbook has {zip.Entries.Count} parts; a workbook of tables has a few dozen (more than {MaxEntries} is refused).");
            }

            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                Inspect(entry, limits);
            }
        }
    }

    private static void Inspect(ZipArchiveEntry entry, ReadLimits limits)
    {
        var maxBytes = (long)(limits.MaxXmlPartMegabytes * 1024 * 1024);
        var tooLarge = () => new GridReadException(
            $"The part {entry.FullName} of the workbook decompresses to more than {limits.MaxXmlPartMegabytes} MB (Limits:MaxXmlPartMegabytes); it was not read further (a zip bomb, or a sheet too large for one file).");
        if (entry.Length > maxBytes)
        {
            throw tooLarge();
        }

        var sheet = entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);
        var strings = entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var stream = new LimitedStream(entry.Open(), maxBytes, tooLarge);
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true });
            var counts = new PartCounts(entry.FullName, limits);
            while (xml.Read())
            {
                if (sheet || strings)
                {
                    counts.Take(xml);
                }
            }
        }
        catch (XmlException ex)
        {
            var dtd = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            throw new GridReadException(dtd
                ? $"The part {entry.FullName} of the workbook declares a DTD (entities that expand or point outside the file); workbooks saved by Excel or WPS have none, and it was not read."
                : $"The part {entry.FullName} of the workbook is not well-formed XML ({ex.Message}).", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new GridReadException($"The part {entry.FullName} of the workbook can not be decompressed ({ex.Message}).", ex);
        }
    }

    /// <summary>The running counts of one sheet or of the shared strings, refusing past a limit.</summary>
    private sealed class PartCounts(string part, ReadLimits limits)
    {
        private readonly char[] _buffer = new char[8192];
        private long _cells;
        private long _strings;

        public void Take(XmlReader xml)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                return;
            }

            switch (xml.LocalName)
            {
                case "c":
                    Cell(xml.GetAttribute("r"));
                    break;
                case "row" when xml.GetAttribute("r") is { } r:
                    Row(r);
                    break;
                case "si" when ++_strings > limits.MaxSharedStrings:
                    throw Refuse($"more than {limits.MaxSharedStrings} shared strings (Limits:MaxSharedStrings)");
                case "v" or "t" or "f":
                    Text(xml);
                    break;
            }
        }

        private void Cell(string? reference)
        {
            if (++_cells > limits.MaxCellsPerSheet)
            {
                throw Refuse($"more than {limits.MaxCellsPerSheet} cells (Limits:MaxCellsPerSheet)");
            }

            if (reference is null)
            {
                return;
            }

            var letters = 0;
            var column = 0;
            while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
            {
                column = (column * 26) + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
                if (++letters > 3 || column > MaxColumn)
                {
                    throw Refuse($"a cell reference '{Cut(reference)}' beyond Excel's last column XFD");
                }
            }

            Row(reference[letters..]);
        }

        private void Row(string number)
        {
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1 || row > limits.MaxRows)
            {
                throw Refuse($"a row number '{Cut(number)}' beyond {limits.MaxRows} (Limits:MaxRows)");
            }
        }

        private void Text(XmlReader xml)
        {
            if (xml.IsEmptyElement)
            {
                return;
            }

            // Counted, not kept: a cell of 300 million characters costs no memory here.
            long length = 0;
            xml.Read();
            while (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = xml.ReadValueChunk(_buffer, 0, _buffer.Length)) > 0)
                {
                    length += n;
                    if (length > limits.MaxCellCharacters)
                    {
                        throw Refuse($"a cell of more than {limits.MaxCellCharacters} characters (Limits:MaxCellCharacters)");
                    }
                }

                xml.Read();
            }
        }

        private GridReadException Refuse(string what) =>
            new($"The workbook's part {part} has {what}; it was not read. If the file is genuine, raise the limit in config/appsettings.json.");

        private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
