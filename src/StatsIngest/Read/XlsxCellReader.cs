using System.Globalization;
using System.IO.Compression;
using System.Xml;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Reads an .xlsx's sheets in one pass over each sheet's XML, with the inspection's byte scanner
/// (<see cref="XmlPartScanner"/>) and its limits and findings (<see cref="XlsxInspection.PartCounts"/>: cell counts, cell
/// lengths, error values, formulas never computed) on the same pass. ExcelDataReader reads a sheet twice (once to open
/// it, for its widest row and its merged ranges, once for its rows) and the inspection a third time; this reader gives
/// the same cells as ExcelDataReader does — a test compares the two on every workbook of the suite — from one pass:
/// the shared strings, a number under a date format as a date (the 1900 and 1904 date systems), a number format's
/// code by its id (the built-in ids of a Chinese Excel among them), <c>_xHHHH_</c> escapes, phonetic runs left out,
/// hidden rows and columns, merged ranges (known once the sheet was read: they follow its rows). The small parts
/// (the workbook, its relationships, the styles) are read with <see cref="XmlReader"/>.
/// </summary>
internal static partial class XlsxCellReader
{
    private static readonly XmlReaderSettings Xml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true, CloseInput = true };

    /// <summary>The sheets of the workbook at <paramref name="path"/> (checked by <see cref="XlsxInspection.Check"/> without its sheets first).</summary>
    public static (Func<GridSource, IEnumerable<SheetStream>> Sheets, IDisposable Owned) Open(string path, ReadLimits limits, CancellationToken cancel)
    {
        _ = XlsxInspection.Check(path, limits, sheets: false);
        var zip = ZipFile.OpenRead(path);
        try
        {
            var book = ExcelGridReader.Guard(path, () => new Book(zip, limits));
            return (source => Sheets(source, path, book, limits, cancel), zip);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static IEnumerable<SheetStream> Sheets(GridSource source, string path, Book book, ReadLimits limits, CancellationToken cancel)
    {
        foreach (var (name, part, hidden) in book.Sheets)
        {
            if (hidden)
            {
                source.Notices.Add("hidden:" + name, ExcelGridReader.Hidden(name));
                continue;
            }

            var entry = book.Entry(part);
            if (entry is null)
            {
                yield return new SheetStream(name, [], limits);
                continue;
            }

            var sheet = new SheetCells(entry.FullName, name, book, source.Notices, limits);
            yield return new SheetStream(name, Rows(path, entry, sheet, limits, cancel), limits, () => sheet.Merges, readAhead: true);
        }
    }

    /// <summary>
    /// The sheet's rows, row 1 first, a row the sheet does not have given empty. What goes wrong reading it is a refusal:
    /// naming the part for its XML or its compression, else as <see cref="ExcelGridReader.Guard"/> says it.
    /// </summary>
    private static IEnumerable<IReadOnlyList<RawCell>> Rows(string path, ZipArchiveEntry entry, SheetCells sheet, ReadLimits limits, CancellationToken cancel)
    {
        using var scanner = ExcelGridReader.Guard(path, () => XlsxInspection.Guarded(entry, () => XmlPartScanner.Open(() => XlsxInspection.Open(entry, limits))));
        Func<bool> step = () => scanner.Next(sheet);
        Func<bool> next = () => XlsxInspection.Guarded(entry, step); // both made once: called for every row
        var given = 0;
        var taken = 0;
        var more = true;
        while (more)
        {
            more = ExcelGridReader.Guard(path, next);
            if (!more)
            {
                sheet.End();
            }

            while (sheet.Take() is { } row)
            {
                if ((++taken & 0x3FF) == 0) // by the rows taken: a sheet's row numbers may skip every multiple of 1024
                {
                    cancel.ThrowIfCancellationRequested();
                }

                for (; given < row.Number - 1; given++)
                {
                    yield return [];
                }

                given++;
                yield return row.Cells;
            }
        }

        sheet.Said();
    }

    /// <summary>What the workbook's small parts say: its sheets, its date system, its number formats, its shared strings.</summary>
    private sealed class Book
    {
        private readonly Dictionary<int, (int FormatId, string? Format, bool IsDate)> _formatOfStyle = [];
        private readonly List<int> _styleFormat = [];
        private readonly Dictionary<int, string> _formats = [];

        public Book(ZipArchive zip, ReadLimits limits)
        {
            Zip = zip;
            var root = Relationships(string.Empty, limits);
            var workbook = Entry(root.Values.FirstOrDefault(t => t.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Part ?? "xl/workbook.xml")
                ?? Entry("xl/workbook.xml");
            if (workbook is null)
            {
                var parts = zip.Entries.Take(5).Select(e => e.FullName).Concat(zip.Entries.Count > 5 ? ["…"] : []);
                throw new GridReadException(Msg.Of("Expected an Excel workbook (.xlsx), but the package has no workbook part (xl/workbook.xml); it holds {parts}.",
                    ("parts", zip.Entries.Count == 0 ? Msg.Of("no part") : Msg.Verbatim(string.Join(", ", parts)))));
            }

            var targets = Relationships(workbook.FullName, limits);
            Settings = new XlsxInspection.WorkbookSettings();
            ReadWorkbook(workbook, limits, targets);
            ReadStyles(Entry(Target(targets, "/styles") ?? "xl/styles.xml"), limits);
            var strings = Entry(Target(targets, "/sharedStrings") ?? "xl/sharedStrings.xml");
            Strings = strings is null ? [] : SharedStrings.Read(strings, limits);
        }

        public ZipArchive Zip { get; }

        public List<(string Name, string? Part, bool Hidden)> Sheets { get; } = [];

        public bool Date1904 { get; private set; }

        public XlsxInspection.WorkbookSettings Settings { get; }

        public IReadOnlyList<string> Strings { get; }

        /// <summary>The number format of a cell style: its id, its code, whether it shows a date.</summary>
        public (int FormatId, string? Format, bool IsDate) FormatOf(int style)
        {
            if (!_formatOfStyle.TryGetValue(style, out var format))
            {
                var id = style >= 0 && style < _styleFormat.Count ? _styleFormat[style] : 0;
                var code = _formats.GetValueOrDefault(id) ?? BuiltInFormats.GetValueOrDefault(id);
                _formatOfStyle[style] = format = (id, code, NumberFormats.IsDate(code));
            }

            return format;
        }

        /// <summary>A part by its name, told as OPC tells part names: without regard to case.</summary>
        public ZipArchiveEntry? Entry(string? part) =>
            part is null ? null : Zip.GetEntry(part) ?? Zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, part, StringComparison.OrdinalIgnoreCase));

        private void ReadWorkbook(ZipArchiveEntry workbook, ReadLimits limits, Dictionary<string, (string Part, string Type)> targets)
        {
            using var xml = XmlReader.Create(XlsxInspection.Open(workbook, limits), Xml);
            while (xml.Read())
            {
                Settings.Read(xml);
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (xml.LocalName == "workbookPr")
                {
                    Date1904 = xml.GetAttribute("date1904") is "1" or "true";
                }
                else if (xml.LocalName == "sheet" && xml.GetAttribute("name") is { } name)
                {
                    var id = Attribute(xml, "id");
                    var part = id is not null && targets.TryGetValue(id, out var target) && target.Type.EndsWith("/worksheet", StringComparison.Ordinal) ? target.Part : null;
                    Sheets.Add((name, part, xml.GetAttribute("state") is "hidden" or "veryHidden"));
                }
            }
        }

        private void ReadStyles(ZipArchiveEntry? styles, ReadLimits limits)
        {
            if (styles is null)
            {
                return;
            }

            using var xml = XmlReader.Create(XlsxInspection.Open(styles, limits), Xml);
            var cellXfs = -1; // the depth of <cellXfs> while in it: its <xf> are the cells' styles (those of <cellStyleXfs> are not)
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
                {
                    cellXfs = -1;
                }

                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (xml.LocalName == "numFmt" && Int(xml.GetAttribute("numFmtId")) is { } id && xml.GetAttribute("formatCode") is { } code)
                {
                    _formats[id] = code;
                }
                else if (xml.LocalName == "cellXfs" && !xml.IsEmptyElement)
                {
                    cellXfs = xml.Depth;
                }
                else if (xml.LocalName == "xf" && cellXfs >= 0 && xml.Depth == cellXfs + 1)
                {
                    _styleFormat.Add(Int(xml.GetAttribute("numFmtId")) ?? 0);
                }
            }
        }

        private static string? Target(Dictionary<string, (string Part, string Type)> targets, string typeEnd) =>
            targets.Values.FirstOrDefault(t => t.Type.EndsWith(typeEnd, StringComparison.Ordinal)).Part;

        /// <summary>The relationships of a part (the package's own for ""): each target's part name, resolved against the part's folder, and its type.</summary>
        private Dictionary<string, (string Part, string Type)> Relationships(string part, ReadLimits limits)
        {
            var folder = part.Contains('/', StringComparison.Ordinal) ? part[..(part.LastIndexOf('/') + 1)] : string.Empty;
            var targets = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            if (Entry($"{folder}_rels/{part[folder.Length..]}.rels") is not { } rels)
            {
                return targets;
            }

            using var xml = XmlReader.Create(XlsxInspection.Open(rels, limits), Xml);
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                    && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target && xml.GetAttribute("TargetMode") is not "External")
                {
                    targets[id] = (Resolve(folder, target), xml.GetAttribute("Type") ?? string.Empty);
                }
            }

            return targets;
        }

        /// <summary>A relationship's target as a part name: from the package's root when it begins with '/', else from <paramref name="folder"/>, its "." and ".." taken.</summary>
        private static string Resolve(string folder, string target)
        {
            var segments = new List<string>();
            foreach (var segment in ((target.StartsWith('/') ? string.Empty : folder) + target.Replace('\\', '/')).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment == ".." && segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                else if (segment is not ("." or ".."))
                {
                    segments.Add(segment);
                }
            }

            return string.Join('/', segments);
        }

        private static string? Attribute(XmlReader xml, string localName)
        {
            for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
            {
                if (xml.LocalName == localName)
                {
                    var value = xml.Value;
                    xml.MoveToElement();
                    return value;
                }
            }

            xml.MoveToElement();
            return null;
        }

        private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>
    /// The number formats Excel does not write into a workbook, by id (ECMA-376 Part 1, 18.8.30): the ids 27–36 and
    /// 50–58, whose codes depend on the language of the Excel that wrote the file, as a Chinese (zh-CN) Excel has them.
    /// </summary>
    private static readonly Dictionary<int, string> BuiltInFormats = new()
    {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
        [5] = "\"$\"#,##0_);(\"$\"#,##0)", [6] = "\"$\"#,##0_);[Red](\"$\"#,##0)", [7] = "\"$\"#,##0.00_);(\"$\"#,##0.00)", [8] = "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",
        [9] = "0%", [10] = "0.00%", [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ??/??",
        [14] = "yyyy/m/d", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "yyyy/m/d h:mm",
        [27] = "yyyy\"年\"m\"月\"", [28] = "m\"月\"d\"日\"", [29] = "m\"月\"d\"日\"", [30] = "m-d-yy", [31] = "yyyy\"年\"m\"月\"d\"日\"",
        [32] = "h\"时\"mm\"分\"", [33] = "h\"时\"mm\"分\"ss\"秒\"", [34] = "上午/下午h\"时\"mm\"分\"", [35] = "上午/下午h\"时\"mm\"分\"ss\"秒\"", [36] = "yyyy\"年\"m\"月\"",
        [37] = "#,##0_);(#,##0)", [38] = "#,##0_);[Red](#,##0)", [39] = "#,##0.00_);(#,##0.00)", [40] = "#,##0.00_);[Red](#,##0.00)",
        [41] = "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", [42] = "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
        [43] = "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)", [44] = "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0", [48] = "##0.0E+0", [49] = "@",
        [50] = "yyyy\"年\"m\"月\"", [51] = "m\"月\"d\"日\"", [52] = "yyyy\"年\"m\"月\"", [53] = "m\"月\"d\"日\"", [54] = "m\"月\"d\"日\"",
        [55] = "上午/下午h\"时\"mm\"分\"", [56] = "上午/下午h\"时\"mm\"分\"ss\"秒\"", [57] = "yyyy\"年\"m\"月\"", [58] = "m\"月\"d\"日\"",
    };
}
