using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Looks through an .xlsx before it is read, streaming and within the limits: every XML part decompressed no further
/// than Limits:MaxXmlPartMegabytes (a zip bomb stops there), no DTD (entity expansion, external entities), cell
/// references within Excel's grid (a reference like <c>AAAAAAAAAAAA1</c> would make a reader allocate without end),
/// rows, cells and cell lengths, shared strings within the limits. A file that breaks one is refused with a message
/// naming the limit and its setting. It also finds what the cell reader gives as empty though the cell shows something,
/// by sheet name: an Excel error value (#DIV/0!, #N/A …), and a formula whose value was never computed (a file written by
/// a program that does not calculate, such as openpyxl: <c>&lt;f&gt;…&lt;/f&gt;&lt;v&gt;&lt;/v&gt;</c>), given as its formula ('=…').
/// The service's reader (<see cref="XlsxCellReader"/>) has the small parts looked through here first and applies the
/// sheets' and shared strings' rules (<see cref="PartCounts"/>) on its own single pass over them, refusing as it reads;
/// the whole inspection before a read is for ExcelDataReader's (the reference of the tests).
/// </summary>
internal static class XlsxInspection
{
    /// <summary>More parts than a workbook of tables ever has: refused before any is read.</summary>
    internal const int MaxEntries = 10_000;

    /// <summary>
    /// Checks the package; returns the cells holding an error value or a formula never computed, by sheet name: (row,
    /// column, the error value or '=' and the formula). Each read of the file is told to <paramref name="saw"/> (where,
    /// how many bytes), for a reader that must not run ahead.
    /// </summary>
    /// <param name="sheets">False for a reader that scans the sheets and the shared strings itself, with <see cref="PartCounts"/> (<see cref="XlsxCellReader"/>): their parts are not looked through here, and nothing is found.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> Check(string path, ReadLimits limits, Action<long, int>? saw = null, bool sheets = true)
    {
        ZipArchive zip;
        var file = new WatchedStream(File.OpenRead(path), after: saw);
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            file.Dispose();
            throw new GridReadException(Msg.Of("Expected an Excel workbook (.xlsx: a zip package), but the file is not a readable zip ({error}).", ("error", ex.Message)), ex);
        }

        using (zip)
        {
            try
            {
                return Inspect(zip, limits, sheets);
            }
            catch (InvalidDataException ex)
            {
                throw new GridReadException(Msg.Of("Expected an Excel workbook (.xlsx: a zip package), but the zip package is damaged ({error}).", ("error", ex.Message)), ex);
            }
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> Inspect(ZipArchive zip, ReadLimits limits, bool sheets)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw TooManyParts(zip.Entries.Count);
        }

        // The sheets last: a reader opening the workbook reads its other parts (workbook, styles, shared strings) first.
        var errors = new Dictionary<string, List<(int, int, string)>>(StringComparer.OrdinalIgnoreCase);
        var workbook = new WorkbookSettings();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            .Where(e => sheets || !IsLarge(e)).OrderBy(e => IsSheet(e) ? 1 : 0))
        {
            if (Inspect(entry, limits, workbook) is { Count: > 0 } found)
            {
                errors[entry.FullName] = found;
            }
        }

        return errors.Count == 0 ? new Dictionary<string, IReadOnlyList<(int, int, string)>>() : BySheetName(zip, errors);
    }

    /// <summary>The sheet parts' names as the workbook gives them (workbook.xml's sheets and their relationships).</summary>
    private static Dictionary<string, IReadOnlyList<(int, int, string)>> BySheetName(ZipArchive zip, Dictionary<string, List<(int, int, string)>> byPart)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rel in Elements(zip.GetEntry("xl/_rels/workbook.xml.rels"), "Relationship"))
        {
            if (rel.GetValueOrDefault("Id") is { } id && rel.GetValueOrDefault("Target") is { } target)
            {
                targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            }
        }

        var result = new Dictionary<string, IReadOnlyList<(int, int, string)>>(StringComparer.Ordinal);
        foreach (var sheet in Elements(zip.GetEntry("xl/workbook.xml"), "sheet"))
        {
            if (sheet.GetValueOrDefault("name") is { } name && sheet.GetValueOrDefault("id") is { } id
                && targets.TryGetValue(id, out var part) && byPart.TryGetValue(part, out var cells))
            {
                result[name] = cells;
            }
        }

        return result;
    }

    private static IEnumerable<Dictionary<string, string>> Elements(ZipArchiveEntry? entry, string localName)
    {
        if (entry is null)
        {
            yield break;
        }

        using var xml = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == localName)
            {
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                while (xml.MoveToNextAttribute())
                {
                    attributes[xml.LocalName] = xml.Value;
                }

                yield return attributes;
            }
        }
    }

    /// <summary>What the workbook part says of every sheet, read before the sheets.</summary>
    internal sealed class WorkbookSettings
    {
        /// <summary>
        /// calcPr fullCalcOnLoad: the writer asks Excel to calculate every formula when the file is opened, so the values
        /// written with them need not be any (XlsxWriter writes 0 for each).
        /// </summary>
        public bool CalculatedOnOpening { get; set; }

        public void Read(XmlReader xml)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "calcPr"
                && xml.GetAttribute("fullCalcOnLoad") is "1" or "true")
            {
                CalculatedOnOpening = true;
            }
        }
    }

    private static List<(int, int, string)>? Inspect(ZipArchiveEntry entry, ReadLimits limits, WorkbookSettings workbook) => Guarded(entry, () =>
    {
        if (IsLarge(entry))
        {
            // The large parts: scanned as bytes, their cells and strings counted.
            var counts = new PartCounts(entry.FullName, limits, workbook.CalculatedOnOpening);
            XmlPartScanner.Scan(() => Open(entry, limits), counts);
            counts.EndCell();
            return counts.Errors;
        }

        using var xml = XmlReader.Create(Open(entry, limits), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true });
        var isWorkbook = entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
        while (xml.Read())
        {
            if (isWorkbook)
            {
                workbook.Read(xml);
            }
        }

        return null;
    });

    /// <summary>A part's decompressed bytes, no further than Limits:MaxXmlPartMegabytes (refused there: a zip bomb stops).</summary>
    internal static Stream Open(ZipArchiveEntry entry, ReadLimits limits)
    {
        var maxBytes = (long)(limits.MaxXmlPartMegabytes * 1024 * 1024);
        var tooLarge = () => GridReadException.OverLimit(Msg.Of(
            "The part {part} of the workbook decompresses to more than {limit} MB (Limits:MaxXmlPartMegabytes); it was not read further (a zip bomb, or a sheet too large for one file).",
            ("part", entry.FullName), ("limit", limits.MaxXmlPartMegabytes)));
        return entry.Length > maxBytes ? throw tooLarge() : new LimitedStream(entry.Open(), maxBytes, tooLarge);
    }

    /// <summary>Runs a read of a part; what its XML or its compression does wrong becomes a refusal naming the part.</summary>
    internal static T Guarded<T>(ZipArchiveEntry entry, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlPartScanner.DeclaresDtdException ex)
        {
            throw DeclaresDtd(entry, ex);
        }
        catch (XmlException ex)
        {
            throw ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? DeclaresDtd(entry, ex)
                : new GridReadException(Msg.Of("The part {part} of the workbook is not well-formed XML ({error}).", ("part", entry.FullName), ("error", ex.Message)), ex);
        }
        catch (InvalidDataException ex)
        {
            throw new GridReadException(Msg.Of("The part {part} of the workbook can not be decompressed ({error}).", ("part", entry.FullName), ("error", ex.Message)), ex);
        }
    }

    /// <summary>The refusal of a package of more than <see cref="MaxEntries"/> parts.</summary>
    internal static GridReadException TooManyParts(int count) =>
        new(Msg.Of("The workbook has {count} parts; a workbook of tables has a few dozen (more than {limit} is refused).", ("count", count), ("limit", MaxEntries)));

    private static bool IsSheet(ZipArchiveEntry entry) => entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parts that grow with the data (the sheets, the shared strings): scanned as bytes, never parsed as XML here.</summary>
    private static bool IsLarge(ZipArchiveEntry entry) =>
        IsSheet(entry) || entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);

    private static GridReadException DeclaresDtd(ZipArchiveEntry entry, Exception ex) =>
        new(Msg.Of("The part {part} of the workbook declares a DTD (entities that expand or point outside the file); workbooks saved by Excel or WPS have none, and it was not read.", ("part", entry.FullName)), ex);

    /// <summary>
    /// The running counts of one sheet or of the shared strings, refusing past a limit. In a workbook
    /// <paramref name="calculatedOnOpening"/>, a formula's value 0 is taken for the placeholder its writer put there.
    /// </summary>
    internal sealed class PartCounts(string part, ReadLimits limits, bool calculatedOnOpening) : XmlPartScanner.IVisitor
    {
        private long _cells;
        private long _strings;
        private long _length;
        private (int Row, int Column)? _errorCell;
        private List<byte>? _error;

        // The formula of the cell being read (its first bytes, in one buffer for every cell), kept until the cell ends:
        // given back when it has no value.
        private readonly List<byte> _formula = [];
        private (int Row, int Column)? _formulaCell;
        private bool _hasFormula;
        private byte _measured; // the last start tag's name when it is one letter ('c', 'f', 'v' …), 0 otherwise
        private bool _computed;
        private bool _zero; // the value written is "0"

        /// <summary>The cells of type "e" (an error value) with the error they hold, and the formulas never computed ('=…').</summary>
        public List<(int, int, string)> Errors { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as the scanner's loop (XmlPartScanner.Scan)
        public bool StartTag(ReadOnlySpan<byte> name, XmlPartScanner.Attributes attributes, bool empty)
        {
            EndError();
            _length = 0;
            // The names by their length and bytes: called for every tag of the sheet (four for a cell of text).
            var one = name.Length == 1 ? name[0] : (byte)0;

            // A cell's formula and value are its first children (f, v); any other tag ends what is known of the cell (a
            // data validation's <xm:f> after the sheet's data is no cell's formula).
            var previous = _measured;
            _measured = one;
            if (!(one == 'f' && previous == 'c') && !(one == 'v' && previous is (byte)'c' or (byte)'f'))
            {
                EndCell();
            }

            if (one == 'c')
            {
                var at = Cell(attributes.TryGet("r"u8, out var r), r);
                var type = attributes.TryGet("t"u8, out var t) ? t : default;
                _errorCell = type.Length == 1 && type[0] == 'e' ? at : null;
                _formulaCell = type.SequenceEqual("str"u8) ? null : at; // a formula's empty text is a value: t="str" with <v></v>
                return false;
            }

            if (one == 'f' && _formulaCell is not null)
            {
                _formula.Clear();
                _hasFormula = true;
                return true;
            }

            if (name.Length == 3 && name.SequenceEqual("row"u8))
            {
                if (attributes.TryGet("r"u8, out var r))
                {
                    Row(r);
                }

                return false;
            }

            if (name.Length == 2 && name.SequenceEqual("si"u8) && ++_strings > limits.MaxSharedStrings)
            {
                throw Refuse(Msg.Of("more than {limit} shared strings (Limits:MaxSharedStrings)", ("limit", limits.MaxSharedStrings)));
            }

            if (one == 'v' && _errorCell is not null)
            {
                _error = [];
                if (empty)
                {
                    EndError();
                }

                return true;
            }

            return one is (byte)'v' or (byte)'t' or (byte)'f';
        }

        /// <summary>Counts a piece of a measured element's text within Limits:MaxCellCharacters (counted, not kept: a cell of 300 million characters costs no memory here).</summary>
        public void Text(ReadOnlySpan<byte> bytes, int characters)
        {
            _length += characters;
            if (_length > limits.MaxCellCharacters)
            {
                throw Refuse(Msg.Of("a cell of more than {limit} characters (Limits:MaxCellCharacters)", ("limit", limits.MaxCellCharacters)));
            }

            if (_error is { Count: < 128 } error)
            {
                error.AddRange(bytes[..Math.Min(bytes.Length, 128 - error.Count)]);
            }

            if (_measured == 'f' && _hasFormula && _formula.Count < 128)
            {
                _formula.AddRange(bytes[..Math.Min(bytes.Length, 128 - _formula.Count)]);
            }

            if (_measured == 'v' && characters > 0)
            {
                _zero = !_computed && bytes.SequenceEqual("0"u8);
                _computed = true;
            }
        }

        /// <summary>
        /// Ends the cell being read: a formula with no value written (<c>&lt;v&gt;&lt;/v&gt;</c> or none, or 0 in a workbook
        /// calculated on opening) is kept as its formula ('=' and its first 64 characters; '=…' for a formula shared from
        /// another cell, which writes none).
        /// </summary>
        public void EndCell()
        {
            EndError();
            if (_hasFormula && _formulaCell is { } cell && (!_computed || (_zero && calculatedOnOpening)))
            {
                var text = System.Net.WebUtility.HtmlDecode(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_formula)));
                Errors.Add((cell.Row, cell.Column, "=" + (text.Length == 0 ? "…" : text.Length <= 64 ? text : text[..64] + "…")));
            }

            _hasFormula = false;
            _formulaCell = null;
            _computed = false;
            _zero = false;
        }

        /// <summary>Keeps the error value of the cell whose text was being kept (its first 32 characters).</summary>
        public void EndError()
        {
            if (_error is { } error && _errorCell is { } cell)
            {
                var text = System.Net.WebUtility.HtmlDecode(Encoding.UTF8.GetString(error.ToArray()));
                Errors.Add((cell.Row, cell.Column, text.Length <= 32 ? text : text[..32]));
                _errorCell = null;
            }

            _error = null;
        }

        /// <summary>Counts a cell and checks its reference (its bytes, when it has one); returns its row and column when it has one.</summary>
        private (int Row, int Column)? Cell(bool hasReference, ReadOnlySpan<byte> reference)
        {
            if (++_cells > limits.MaxCellsPerSheet)
            {
                throw Refuse(Msg.Of("more than {limit} cells (Limits:MaxCellsPerSheet)", ("limit", limits.MaxCellsPerSheet)));
            }

            if (!hasReference)
            {
                return null;
            }

            var letters = 0;
            var column = 0;
            while (letters < reference.Length && char.IsAsciiLetter((char)reference[letters]))
            {
                column = (column * 26) + ((reference[letters] | 0x20) - 'a' + 1);
                if (++letters > 3 || column > CellReference.MaxColumn)
                {
                    throw new GridReadException(Msg.Of("The workbook's part {part} has {what}; it was not read further.",
                        ("part", part), ("what", Msg.Of("a cell reference '{reference}' beyond Excel's last column XFD", ("reference", Cut(reference))))));
                }
            }

            return (Row(reference[letters..]), column);
        }

        private int Row(ReadOnlySpan<byte> number)
        {
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1 || row > limits.MaxRows)
            {
                throw Refuse(Msg.Of("a row number '{number}' beyond {limit} (Limits:MaxRows)", ("number", Cut(number)), ("limit", limits.MaxRows)));
            }

            return row;
        }

        private GridReadException Refuse(Msg what) =>
            GridReadException.OverLimit(Msg.Of("The workbook's part {part} has {what}; it was not read further. If the file is genuine, raise the limit in config/appsettings.json.", ("part", part), ("what", what)));

        private static string Cut(ReadOnlySpan<byte> bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            return text.Length <= 40 ? text : text[..40] + "…";
        }
    }
}
