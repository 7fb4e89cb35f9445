using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using StatsIngest.Read;

namespace StatsIngest.Report;

/// <summary>
/// Writes the rows of streamed tables (<see cref="TableSheet.StreamedRows"/>) into a workbook ClosedXML saved with
/// their headers, widths, filters and frozen panes: each sheet's XML is copied through an <see cref="XmlWriter"/> with
/// the rows inserted in order, the texts go to the shared strings and each look (number format, alignment) becomes one
/// cell format. Rows ClosedXML wrote are kept as they are; a streamed row never shares a row with them.
/// </summary>
internal static class StreamedSheets
{
    private static readonly XNamespace Main = PackageXml.Main;

    /// <param name="doc">The saved workbook, opened without auto-save.</param>
    /// <param name="sheets">Each sheet's streamed rows.</param>
    public static void Write(SpreadsheetDocument doc, IReadOnlyList<(string Sheet, IReadOnlyList<StreamedRow> Rows)> sheets)
    {
        if (sheets.All(s => s.Rows.Count == 0))
        {
            return;
        }

        var workbookPart = doc.WorkbookPart ?? throw new InvalidOperationException("The workbook has no workbook part.");
        var formats = new CellFormats(workbookPart.WorkbookStylesPart ?? throw new InvalidOperationException("The workbook has no styles part."));
        var strings = workbookPart.SharedStringTablePart is { } table
            ? new SharedStrings(table, PackageXml.Load(table))
            : new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>(), new XDocument(new XElement(Main + "sst")));
        var parts = PackageXml.Worksheets(workbookPart);
        foreach (var (name, rows) in sheets.Where(s => s.Rows.Count > 0))
        {
            WriteSheet(parts[name], rows, formats, strings);
        }

        formats.Save();
        strings.Save();
    }

    private static void WriteSheet(WorksheetPart part, IReadOnlyList<StreamedRow> rows, CellFormats formats, SharedStrings strings)
    {
        var root = PackageXml.Load(part).Root!;
        var written = root.Element(Main + "sheetData")?.Elements(Main + "row").ToDictionary(r => (int)r.Attribute("r")!) ?? [];
        var overlap = rows.FirstOrDefault(r => written.ContainsKey(r.Number));
        if (overlap is not null)
        {
            throw new InvalidOperationException($"Row {overlap.Number} of a streamed table was also written by ClosedXML.");
        }

        PackageXml.Write(part, w =>
        {
            w.WriteStartElement(root.GetPrefixOfNamespace(Main), root.Name.LocalName, Main.NamespaceName);
            foreach (var attribute in root.Attributes())
            {
                WriteAttribute(w, attribute);
            }

            foreach (var child in root.Elements())
            {
                if (child.Name == Main + "dimension")
                {
                    WriteDimension(w, child, rows);
                }
                else if (child.Name == Main + "sheetData")
                {
                    w.WriteStartElement(child.Name.LocalName, Main.NamespaceName);
                    WriteRows(w, written, rows, formats, strings);
                    w.WriteEndElement();
                }
                else
                {
                    child.WriteTo(w);
                }
            }

            w.WriteEndElement();
        });
    }

    /// <summary>ClosedXML's rows and the streamed ones, in row order.</summary>
    private static void WriteRows(XmlWriter w, Dictionary<int, XElement> written, IReadOnlyList<StreamedRow> rows, CellFormats formats, SharedStrings strings)
    {
        var merged = written.Select(r => (Number: r.Key, Written: (XElement?)r.Value, Streamed: (StreamedRow?)null))
            .Concat(rows.Select(r => (r.Number, Written: (XElement?)null, Streamed: (StreamedRow?)r)))
            .OrderBy(r => r.Number);
        foreach (var (_, closed, streamed) in merged)
        {
            if (streamed is null)
            {
                closed!.WriteTo(w);
            }
            else
            {
                WriteRow(w, streamed, formats, strings);
            }
        }
    }

    private static void WriteRow(XmlWriter w, StreamedRow row, CellFormats formats, SharedStrings strings)
    {
        var number = row.Number.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("row", Main.NamespaceName);
        w.WriteAttributeString("r", number);
        if (row.Height is { } height)
        {
            w.WriteAttributeString("ht", height.ToString("R", CultureInfo.InvariantCulture));
            w.WriteAttributeString("customHeight", "1");
        }

        foreach (var cell in row.Cells)
        {
            w.WriteStartElement("c", Main.NamespaceName);
            w.WriteAttributeString("r", CellReference.ColumnLetters(cell.Column) + number);
            var style = formats.Of(cell);
            if (style != 0)
            {
                w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            }

            switch (cell.Value)
            {
                case double d:
                    w.WriteElementString("v", Main.NamespaceName, d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case long l:
                    w.WriteElementString("v", Main.NamespaceName, l.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    w.WriteAttributeString("t", "s");
                    w.WriteElementString("v", Main.NamespaceName, strings.IndexOf((string)cell.Value).ToString(CultureInfo.InvariantCulture));
                    break;
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>The used range: from ClosedXML's first cell to the last cell of it or of the streamed rows.</summary>
    private static void WriteDimension(XmlWriter w, XElement dimension, IReadOnlyList<StreamedRow> rows)
    {
        var range = ((string?)dimension.Attribute("ref") ?? "A1").Split(':');
        var last = CellReference.FromA1(range[^1]);
        var row = Math.Max(last.Row, rows.Max(r => r.Number));
        var column = Math.Max(last.Column, rows.SelectMany(r => r.Cells).Select(c => c.Column).DefaultIfEmpty(1).Max());
        w.WriteStartElement(dimension.Name.LocalName, Main.NamespaceName);
        w.WriteAttributeString("ref", $"{range[0]}:{CellReference.ToA1(row, column)}");
        w.WriteEndElement();
    }

    private static void WriteAttribute(XmlWriter w, XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration)
        {
            var prefix = attribute.Name.Namespace == XNamespace.None ? null : attribute.Name.LocalName;
            w.WriteAttributeString(prefix is null ? null : "xmlns", prefix ?? "xmlns", XNamespace.Xmlns.NamespaceName, attribute.Value);
        }
        else
        {
            w.WriteAttributeString(attribute.Name.LocalName, attribute.Name.NamespaceName, attribute.Value);
        }
    }

    /// <summary>
    /// A text as a cell holds it (ST_Xstring): a character XML cannot carry is written _xHHHH_, and an underscore that
    /// would read as such an escape is itself escaped (_x005F_), as Excel does.
    /// </summary>
    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            string? replacement = null;
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped?.Append(ch);
                ch = text[++i];
            }
            else if (!XmlConvert.IsXmlChar(ch))
            {
                replacement = $"_x{(int)ch:X4}_";
            }
            else if (ch == '_' && LooksEscaped(text, i))
            {
                replacement = "_x005F_";
            }

            if (replacement is not null && escaped is null)
            {
                escaped = new StringBuilder(text.Length + 16).Append(text, 0, i);
            }

            if (replacement is not null)
            {
                escaped!.Append(replacement);
            }
            else
            {
                escaped?.Append(ch);
            }
        }

        return escaped?.ToString() ?? text;
    }

    private static bool LooksEscaped(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && !text.AsSpan(i + 2, 4).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The workbook's shared strings, with the streamed texts appended (each once).</summary>
    private sealed class SharedStrings
    {
        private readonly OpenXmlPart _part;
        private readonly XDocument _document;
        private readonly XElement _table;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private int _count;

        public SharedStrings(SharedStringTablePart part, XDocument document)
        {
            _part = part;
            _document = document;
            _table = _document.Root!;
            var items = _table.Elements(Main + "si").ToArray();
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Elements().SingleOrDefault() is { } t && t.Name == Main + "t")
                {
                    _index.TryAdd(t.Value, i); // rich text (runs) is not reused
                }
            }

            _count = items.Length;
        }

        public int IndexOf(string text)
        {
            var escaped = Escape(text);
            if (!_index.TryGetValue(escaped, out var index))
            {
                index = _count++;
                _index[escaped] = index;
                var t = new XElement(Main + "t", escaped);
                if (escaped.Length > 0 && (char.IsWhiteSpace(escaped[0]) || char.IsWhiteSpace(escaped[^1]) || escaped.Contains('\n', StringComparison.Ordinal)))
                {
                    t.SetAttributeValue(XNamespace.Xml + "space", "preserve");
                }

                _table.Add(new XElement(Main + "si", t));
            }

            return index;
        }

        public void Save()
        {
            _table.SetAttributeValue("uniqueCount", _count);
            _table.SetAttributeValue("count", _count);
            PackageXml.Save(_part, _document);
        }
    }

    /// <summary>The cell formats of the streamed looks, added to the workbook's styles once each.</summary>
    private sealed class CellFormats
    {
        private readonly WorkbookStylesPart _part;
        private readonly XDocument _document;
        private readonly XElement _numberFormats;
        private readonly XElement _cellFormats;
        private readonly Dictionary<(string? Format, bool Right, bool Wrap, bool Top), int> _index = [];
        private int _nextFormatId;

        public CellFormats(WorkbookStylesPart part)
        {
            _part = part;
            _document = PackageXml.Load(part);
            var sheet = _document.Root!;
            _cellFormats = sheet.Element(Main + "cellXfs") ?? throw new InvalidOperationException("The workbook's styles have no cell formats.");
            _numberFormats = sheet.Element(Main + "numFmts") ?? new XElement(Main + "numFmts");
            if (_numberFormats.Parent is null)
            {
                sheet.AddFirst(_numberFormats);
            }

            _nextFormatId = Math.Max(164, _numberFormats.Elements().Select(e => (int)e.Attribute("numFmtId")! + 1).DefaultIfEmpty(0).Max());
        }

        public int Of(StreamedCell cell)
        {
            var look = (Format: cell.Format is null or NumberCell.General ? null : cell.Format, cell.Right, cell.Wrap, cell.Top);
            if (look is (null, false, false, false))
            {
                return 0;
            }

            if (!_index.TryGetValue(look, out var index))
            {
                index = _cellFormats.Elements(Main + "xf").Count();
                _index[look] = index;
                _cellFormats.Add(Format(look.Format is null ? 0 : NumberFormatId(look.Format), look.Right, look.Wrap, look.Top));
            }

            return index;
        }

        private static XElement Format(int numberFormat, bool right, bool wrap, bool top)
        {
            var xf = new XElement(Main + "xf",
                new XAttribute("numFmtId", numberFormat), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0),
                new XAttribute("xfId", 0), new XAttribute("applyNumberFormat", 1));
            if (right || wrap || top)
            {
                xf.SetAttributeValue("applyAlignment", 1);
                xf.Add(new XElement(Main + "alignment",
                    right ? new XAttribute("horizontal", "right") : null,
                    top ? new XAttribute("vertical", "top") : null,
                    wrap ? new XAttribute("wrapText", 1) : null));
            }

            return xf;
        }

        /// <summary>The id of a number format ClosedXML already defined with the same code, or a new one.</summary>
        private int NumberFormatId(string code)
        {
            var existing = _numberFormats.Elements(Main + "numFmt").FirstOrDefault(e => (string?)e.Attribute("formatCode") == code);
            if (existing is not null)
            {
                return (int)existing.Attribute("numFmtId")!;
            }

            var id = _nextFormatId++;
            _numberFormats.Add(new XElement(Main + "numFmt", new XAttribute("numFmtId", id), new XAttribute("formatCode", code)));
            return id;
        }

        public void Save()
        {
            _numberFormats.SetAttributeValue("count", _numberFormats.Elements().Count());
            _cellFormats.SetAttributeValue("count", _cellFormats.Elements().Count());
            PackageXml.Save(_part, _document);
        }
    }
}
