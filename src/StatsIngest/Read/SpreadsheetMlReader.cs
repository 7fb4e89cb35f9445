using System.Globalization;
using System.Text;
using System.Xml;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Reads an Excel 2003 XML spreadsheet (SpreadsheetML, <c>urn:schemas-microsoft-com:office:spreadsheet</c>), which older
/// office systems export under an ".xls" name: each <c>Worksheet</c> a sheet, streamed row by row; a row's or a cell's
/// <c>ss:Index</c> where it skips, <c>ss:MergeAcross</c>/<c>ss:MergeDown</c> a merged range, a cell's text the
/// <c>Data</c> as written (a formula's cached value) — a number, a date or a boolean typed, and its text as a workbook's
/// reader gives it (<see cref="CellValues"/>). No DTD, nothing resolved.
/// </summary>
internal static class SpreadsheetMlReader
{
    private const string Ss = "urn:schemas-microsoft-com:office:spreadsheet";
    private const string Excel = "urn:schemas-microsoft-com:office:excel";

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    public static GridSource Open(string path, string displayName, ReadLimits limits, CancellationToken cancel) =>
        new(displayName, "xml", null, source => Sheets(source, path, limits, cancel));

    private static IEnumerable<SheetStream> Sheets(GridSource source, string path, ReadLimits limits, CancellationToken cancel)
    {
        source.Notices.Add("xml2003", new ReadWarning(Msg.Of("This file is an Excel 2003 XML spreadsheet (SpreadsheetML) saved with an Excel name; it was read as Excel opens it.")));
        var hidden = HiddenSheets(path);
        using var xml = XmlReader.Create(path, Settings);
        var index = 0;
        var styles = new Dictionary<string, NumberFormats.Shown>(StringComparer.Ordinal);
        while (NextWorksheet(xml, styles))
        {
            var name = Attribute(xml, "Name") ?? string.Create(CultureInfo.InvariantCulture, $"Sheet{index + 1}");
            if (hidden.Contains(index++))
            {
                source.Notices.Add("hidden:" + name, ExcelGridReader.Hidden(name));
                continue;
            }

            var merges = new List<MergedRange>();
            yield return new SheetStream(name, Rows(xml.ReadSubtree(), name, merges, styles, source.Notices, limits, cancel), limits, () => merges);
        }
    }

    /// <summary>
    /// The worksheets (by their place, from 0) the workbook hides: a sheet says so in its options, after its table
    /// (<c>&lt;x:Visible&gt;SheetHidden&lt;/x:Visible&gt;</c>), so the file is looked through for them first. A file that
    /// is not well-formed is left to the reading, which refuses it where it is.
    /// </summary>
    private static HashSet<int> HiddenSheets(string path)
    {
        var hidden = new HashSet<int>();
        using var xml = XmlReader.Create(path, Settings);
        var index = -1;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Worksheet" && xml.NamespaceURI == Ss)
                {
                    index++;
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Visible" && xml.NamespaceURI == Excel
                    && xml.ReadElementContentAsString().Trim() is "SheetHidden" or "SheetVeryHidden")
                {
                    hidden.Add(index);
                }
            }
        }
        catch (XmlException)
        {
        }

        return hidden;
    }

    /// <summary>
    /// Reads on to the next <c>Worksheet</c>, taking the styles on the way (they come first): for each style's number
    /// format, how it scales a number as shown ("Percent", "0.0%", "#,##0,"), by section, and how it shows a date (a month,
    /// a year: <see cref="NumberFormats"/>).
    /// </summary>
    private static bool NextWorksheet(XmlReader xml, Dictionary<string, NumberFormats.Shown> styles)
    {
        string? style = null;
        while (Guard(xml.Read))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Ss)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "Worksheet":
                    return true;
                case "Style":
                    style = Attribute(xml, "ID");
                    break;
                case "NumberFormat" when style is not null && Attribute(xml, "Format") is { } format:
                    var code = format == "Percent" ? "0.00%" : format; // the other named formats neither scale nor show a date as a period
                    styles[style] = NumberFormats.Of(code);
                    break;
            }
        }

        return false;
    }

    /// <summary>The sheet's rows; its <c>Column</c> elements (before the rows) and rows say which are hidden (<c>ss:Hidden="1"</c>).</summary>
    private static IEnumerable<IReadOnlyList<RawCell>> Rows(XmlReader sheet, string name, List<MergedRange> merges, Dictionary<string, NumberFormats.Shown> styles,
        ReadWarnings notices, ReadLimits limits, CancellationToken cancel)
    {
        using (sheet)
        {
            var (row, column) = (0, 0);
            var hidden = new HiddenParts();
            var hiddenColumns = new HashSet<int>();
            Func<int, bool> columnHidden = hiddenColumns.Contains;
            while (Guard(sheet.Read))
            {
                if (sheet.NodeType != XmlNodeType.Element || sheet.NamespaceURI != Ss || sheet.LocalName is not ("Row" or "Column"))
                {
                    continue;
                }

                if (sheet.LocalName == "Column")
                {
                    column = Index(sheet, column + 1, CellReference.MaxColumn, name, row + 1);
                    var last = Math.Min(column + Span(sheet, "Span", CellReference.MaxColumn), CellReference.MaxColumn);
                    if (IsHidden(sheet))
                    {
                        hiddenColumns.UnionWith(Enumerable.Range(column, last - column + 1));
                    }

                    column = last;
                    continue;
                }

                var at = Index(sheet, row + 1, limits.MaxRows, name, row + 1);
                var rowHidden = IsHidden(sheet);
                cancel.ThrowIfCancellationRequested();
                for (row++; row < at; row++)
                {
                    yield return []; // the rows it skips
                }

                var cells = Cells(sheet.ReadSubtree(), name, row, merges, styles, limits);
                hidden.Look(row, rowHidden, cells, columnHidden);
                yield return cells;
            }

            hidden.Say(notices, name);
        }
    }

    private static bool IsHidden(XmlReader element) => Attribute(element, "Hidden") is "1" or "true";

    private static List<RawCell> Cells(XmlReader row, string sheet, int number, List<MergedRange> merges, Dictionary<string, NumberFormats.Shown> styles, ReadLimits limits)
    {
        var cells = new List<RawCell>();
        using (row)
        {
            var column = 0;
            while (Guard(() => row.ReadToFollowing("Cell", Ss)))
            {
                column = Index(row, column + 1, CellReference.MaxColumn, sheet, number);
                var (across, down) = (Span(row, "MergeAcross", CellReference.MaxColumn), Span(row, "MergeDown", limits.MaxRows));
                if (across > 0 || down > 0)
                {
                    merges.Add(new MergedRange(number, column, number + down, column + across));
                }

                var format = Attribute(row, "StyleID") is { } style && styles.TryGetValue(style, out var shown) ? shown : (NumberFormats.Shown?)null;
                if (Data(row.ReadSubtree(), format) is var (text, value) && !string.IsNullOrWhiteSpace(text))
                {
                    CellCount.CheckLength(limits, sheet, number, column, text.Length);
                    cells.Add(new RawCell(number, column, text.Trim(), value));
                }

                column += across;
            }
        }

        return cells;
    }

    /// <summary>A cell's <c>Data</c>: its text (a rich text's runs put together; a number or a date as its style shows it, <paramref name="format"/>) and, for a number, its value.</summary>
    private static (string Text, object? Value) Data(XmlReader cell, NumberFormats.Shown? format)
    {
        using (cell)
        {
            if (!Guard(() => cell.ReadToFollowing("Data", Ss)))
            {
                return (string.Empty, null);
            }

            var type = Attribute(cell, "Type");
            var text = new StringBuilder();
            using (var data = cell.ReadSubtree())
            {
                while (Guard(data.Read))
                {
                    if (data.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                    {
                        text.Append(data.Value);
                    }
                }
            }

            var written = text.ToString();
            object? value = type switch
            {
                "Number" when double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                "DateTime" when DateTime.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) => date,
                "Boolean" => written.Trim() is "1" or "true" or "TRUE",
                _ => null,
            };
            return value switch
            {
                null => (written, null),
                double d when format is { } f => (NumberFormats.Text(d, f.Scales), d),
                DateTime date when format is { } f => (NumberFormats.Text(date, f.Date), date),
                _ => (CellValues.Text(value), value), // typed: written as a workbook's reader writes it
            };
        }
    }

    /// <summary>A row's or a cell's place: its <c>ss:Index</c>, or the next one; refused past <paramref name="max"/>.</summary>
    private static int Index(XmlReader element, int next, int max, string sheet, int row)
    {
        var given = Attribute(element, "Index");
        var at = given is null ? next : int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= next ? i : -1;
        return at >= 1 && at <= max ? at : throw new GridReadException(Msg.Of(
            "The Excel 2003 XML spreadsheet's sheet '{sheet}' places a row or cell at '{index}' near row {row}: before the one above it, or past Excel's grid. It was not read.",
            ("sheet", sheet), ("index", given ?? next.ToString(CultureInfo.InvariantCulture)), ("row", row)));
    }

    /// <summary>How many columns or rows more a merged cell covers, within the grid (<paramref name="max"/>).</summary>
    private static int Span(XmlReader cell, string attribute, int max) =>
        int.TryParse(Attribute(cell, attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, max) : 0;

    /// <summary>An attribute in the spreadsheet's namespace (<c>ss:Index</c>), or without one as some writers put it.</summary>
    private static string? Attribute(XmlReader element, string name) => element.GetAttribute(name, Ss) ?? element.GetAttribute(name);

    /// <summary>Runs a step of the XML reader; a file that is not well-formed XML becomes a refusal naming where.</summary>
    private static T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (XmlException ex)
        {
            throw new GridReadException(Msg.Of("The Excel 2003 XML spreadsheet is not well-formed XML ({error}); it was not read.", ("error", ex.Message)), ex);
        }
    }
}
