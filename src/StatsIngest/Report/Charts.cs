using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using StatsIngest.Read;

namespace StatsIngest.Report;

public enum ChartKind
{
    Line,

    /// <summary>Horizontal bars (rankings, progress).</summary>
    Bar,
}

/// <summary>One series of a chart: its name (and the cell holding it) and its values (and the column holding them).</summary>
public sealed record ChartSeries(string Name, int NameRow, int NameColumn, int ValueColumn, IReadOnlyList<double?> Values);

/// <summary>
/// A native Excel chart over cells of a sheet: categories in one column, one or more series in others, rows
/// <see cref="FirstRow"/> to <see cref="LastRow"/>; placed between two cells. Values are cached in the chart too, so a
/// reader that does not recalculate (or LibreOffice, WPS) shows them as Excel does.
/// </summary>
public sealed record ChartSpec(
    string Sheet,
    string Title,
    ChartKind Kind,
    int CategoryColumn,
    int FirstRow,
    int LastRow,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    string NumberFormat,
    (int Column, int Row) From,
    (int Column, int Row) To)
{
    /// <summary>The sheet whose cells the chart draws, when not the one it is placed on (概览 shows charts of other sheets).</summary>
    public string? DataSheet { get; init; }

    /// <summary>The sheet of the chart's cells.</summary>
    public string CellsSheet => DataSheet ?? Sheet;
}

/// <summary>
/// Adds native charts (DrawingML chart parts, editable in Excel and WPS) to a saved workbook: ClosedXML 0.95.4 has no
/// charts. The Open XML SDK adds the parts and their relationships; the parts' XML is written here (the schema's order
/// of elements, checked by the package tests' validator).
/// </summary>
public static class Charts
{
    private const string ChartNs = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private const string DrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string SheetDrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
    private const uint CategoryAxis = 48650001U;
    private const uint ValueAxis = 48650002U;

    /// <summary>The worksheet elements a drawing reference goes before (CT_Worksheet's order).</summary>
    private static readonly string[] AfterDrawing = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>Adds the charts to a package opened without auto-save: every part changed is written here.</summary>
    public static void Add(SpreadsheetDocument doc, IReadOnlyList<ChartSpec> charts)
    {
        var workbookPart = doc.WorkbookPart!;
        var worksheets = PackageXml.Worksheets(workbookPart);
        var chartNumber = 0;
        foreach (var group in charts.GroupBy(c => c.Sheet))
        {
            var worksheetPart = worksheets[group.Key];
            if (worksheetPart.DrawingsPart is not null)
            {
                throw new InvalidOperationException($"Sheet '{group.Key}' has drawings already: the charts would replace them.");
            }

            var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
            var anchors = new List<(ChartSpec Spec, string ChartId, uint Id)>();
            foreach (var spec in group)
            {
                chartNumber++;
                var chartPart = drawingsPart.AddNewPart<ChartPart>();
                PackageXml.Write(chartPart, w => WriteChartSpace(w, spec));
                anchors.Add((spec, drawingsPart.GetIdOfPart(chartPart), (uint)chartNumber + 1));
            }

            PackageXml.Write(drawingsPart, w => WriteDrawing(w, anchors));
            AttachDrawing(worksheetPart, worksheetPart.GetIdOfPart(drawingsPart));
        }
    }

    /// <summary>The drawing reference goes where the schema wants it: before legacy drawings, table parts and extensions.</summary>
    private static void AttachDrawing(WorksheetPart worksheetPart, string id)
    {
        var document = PackageXml.Load(worksheetPart);
        var ws = document.Root!;
        var drawing = new XElement(PackageXml.Main + "drawing", new XAttribute(PackageXml.Relationships + "id", id));
        var before = ws.Elements().FirstOrDefault(e => e.Name.Namespace == PackageXml.Main && AfterDrawing.Contains(e.Name.LocalName));
        if (before is null)
        {
            ws.Add(drawing);
        }
        else
        {
            before.AddBeforeSelf(drawing);
        }

        PackageXml.Save(worksheetPart, document);
    }

    private static void WriteDrawing(XmlWriter w, IReadOnlyList<(ChartSpec Spec, string ChartId, uint Id)> anchors)
    {
        w.WriteStartElement("xdr", "wsDr", SheetDrawingNs);
        w.WriteAttributeString("xmlns", "a", null, DrawingNs);
        w.WriteAttributeString("xmlns", "c", null, ChartNs);
        w.WriteAttributeString("xmlns", "r", null, PackageXml.Relationships.NamespaceName);
        foreach (var (spec, chartId, id) in anchors)
        {
            w.WriteStartElement("twoCellAnchor", SheetDrawingNs);
            w.WriteAttributeString("editAs", "oneCell");
            Marker(w, "from", spec.From);
            Marker(w, "to", spec.To);
            w.WriteStartElement("graphicFrame", SheetDrawingNs);
            w.WriteAttributeString("macro", string.Empty);
            w.WriteStartElement("nvGraphicFramePr", SheetDrawingNs);
            w.WriteStartElement("cNvPr", SheetDrawingNs);
            w.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("name", spec.Title);
            w.WriteEndElement();
            w.WriteElementString("cNvGraphicFramePr", SheetDrawingNs, string.Empty);
            w.WriteEndElement();
            w.WriteStartElement("xfrm", SheetDrawingNs);
            Empty(w, DrawingNs, "off", ("x", "0"), ("y", "0"));
            Empty(w, DrawingNs, "ext", ("cx", "0"), ("cy", "0"));
            w.WriteEndElement();
            w.WriteStartElement("graphic", DrawingNs);
            w.WriteStartElement("graphicData", DrawingNs);
            w.WriteAttributeString("uri", ChartNs);
            w.WriteStartElement("chart", ChartNs);
            w.WriteAttributeString("id", PackageXml.Relationships.NamespaceName, chartId);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement(); // graphicFrame
            w.WriteElementString("clientData", SheetDrawingNs, string.Empty);
            w.WriteEndElement(); // twoCellAnchor
        }

        w.WriteEndElement();
    }

    private static void Marker(XmlWriter w, string name, (int Column, int Row) cell)
    {
        w.WriteStartElement(name, SheetDrawingNs);
        w.WriteElementString("col", SheetDrawingNs, Zero(cell.Column));
        w.WriteElementString("colOff", SheetDrawingNs, "0");
        w.WriteElementString("row", SheetDrawingNs, Zero(cell.Row));
        w.WriteElementString("rowOff", SheetDrawingNs, "0");
        w.WriteEndElement();
    }

    private static void WriteChartSpace(XmlWriter w, ChartSpec spec)
    {
        w.WriteStartElement("c", "chartSpace", ChartNs);
        w.WriteAttributeString("xmlns", "a", null, DrawingNs);
        Val(w, "lang", "zh-CN");
        Val(w, "roundedCorners", "0");
        w.WriteStartElement("chart", ChartNs);
        WriteTitle(w, spec.Title);
        Val(w, "autoTitleDeleted", "0");
        w.WriteStartElement("plotArea", ChartNs);
        Empty(w, ChartNs, "layout");
        WritePlot(w, spec);
        WriteAxes(w, spec);
        w.WriteEndElement();
        w.WriteStartElement("legend", ChartNs);
        Val(w, "legendPos", "b");
        Val(w, "overlay", "0");
        w.WriteEndElement();
        Val(w, "plotVisOnly", "1");
        Val(w, "dispBlanksAs", "gap");
        w.WriteEndElement(); // chart
        w.WriteEndElement();
    }

    private static void WriteTitle(XmlWriter w, string title)
    {
        w.WriteStartElement("title", ChartNs);
        w.WriteStartElement("tx", ChartNs);
        w.WriteStartElement("rich", ChartNs);
        Empty(w, DrawingNs, "bodyPr");
        Empty(w, DrawingNs, "lstStyle");
        w.WriteStartElement("p", DrawingNs);
        w.WriteStartElement("r", DrawingNs);
        Empty(w, DrawingNs, "rPr", ("lang", "zh-CN"), ("sz", "1200"), ("b", "1"));
        w.WriteElementString("t", DrawingNs, title);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        Val(w, "overlay", "0");
        w.WriteEndElement();
    }

    /// <summary>The line or bar chart with its series.</summary>
    private static void WritePlot(XmlWriter w, ChartSpec spec)
    {
        var line = spec.Kind == ChartKind.Line;
        w.WriteStartElement(line ? "lineChart" : "barChart", ChartNs);
        if (!line)
        {
            Val(w, "barDir", "bar");
        }

        Val(w, "grouping", line ? "standard" : "clustered");
        Val(w, "varyColors", "0");
        for (var i = 0; i < spec.Series.Count; i++)
        {
            WriteSeries(w, spec, spec.Series[i], i);
        }

        if (line)
        {
            Val(w, "marker", "1");
        }
        else
        {
            Val(w, "gapWidth", "60");
        }

        Val(w, "axId", Number(CategoryAxis));
        Val(w, "axId", Number(ValueAxis));
        w.WriteEndElement();
    }

    private static void WriteSeries(XmlWriter w, ChartSpec spec, ChartSeries s, int index)
    {
        w.WriteStartElement("ser", ChartNs);
        Val(w, "idx", Number(index));
        Val(w, "order", Number(index));
        w.WriteStartElement("tx", ChartNs);
        StringReference(w, Ref(spec.CellsSheet, s.NameColumn, s.NameRow, s.NameColumn, s.NameRow), [s.Name]);
        w.WriteEndElement();
        if (spec.Kind == ChartKind.Line)
        {
            w.WriteStartElement("marker", ChartNs);
            Val(w, "symbol", index == 0 ? "circle" : "none");
            w.WriteEndElement();
        }
        else
        {
            Val(w, "invertIfNegative", "0");
        }

        w.WriteStartElement("cat", ChartNs);
        StringReference(w, Ref(spec.CellsSheet, spec.CategoryColumn, spec.FirstRow, spec.CategoryColumn, spec.LastRow), spec.Categories);
        w.WriteEndElement();
        w.WriteStartElement("val", ChartNs);
        NumberReference(w, Ref(spec.CellsSheet, s.ValueColumn, spec.FirstRow, s.ValueColumn, spec.LastRow), spec.NumberFormat, s.Values);
        w.WriteEndElement();
        if (spec.Kind == ChartKind.Line)
        {
            Val(w, "smooth", "0");
        }

        w.WriteEndElement();
    }

    /// <summary>The cells' formula with their texts cached.</summary>
    private static void StringReference(XmlWriter w, string formula, IReadOnlyList<string> texts)
    {
        w.WriteStartElement("strRef", ChartNs);
        w.WriteElementString("f", ChartNs, formula);
        w.WriteStartElement("strCache", ChartNs);
        Val(w, "ptCount", Number(texts.Count));
        for (var i = 0; i < texts.Count; i++)
        {
            Point(w, i, texts[i]);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The cells' formula with their values cached (a blank cell has no point).</summary>
    private static void NumberReference(XmlWriter w, string formula, string format, IReadOnlyList<double?> values)
    {
        w.WriteStartElement("numRef", ChartNs);
        w.WriteElementString("f", ChartNs, formula);
        w.WriteStartElement("numCache", ChartNs);
        w.WriteElementString("formatCode", ChartNs, format);
        Val(w, "ptCount", Number(values.Count));
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                Point(w, i, v.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Point(XmlWriter w, int index, string value)
    {
        w.WriteStartElement("pt", ChartNs);
        w.WriteAttributeString("idx", Number(index));
        w.WriteElementString("v", ChartNs, value);
        w.WriteEndElement();
    }

    private static void WriteAxes(XmlWriter w, ChartSpec spec)
    {
        var horizontal = spec.Kind == ChartKind.Line;
        w.WriteStartElement("catAx", ChartNs);
        AxisStart(w, CategoryAxis, horizontal ? "minMax" : "maxMin", horizontal ? "b" : "l");
        Empty(w, ChartNs, "numFmt", ("formatCode", "General"), ("sourceLinked", "0"));
        AxisTicks(w, "low", ValueAxis);
        Val(w, "auto", "1");
        Val(w, "lblAlgn", "ctr");
        Val(w, "lblOffset", "100");
        Val(w, "noMultiLvlLbl", "0");
        w.WriteEndElement();
        w.WriteStartElement("valAx", ChartNs);
        AxisStart(w, ValueAxis, "minMax", horizontal ? "l" : "b");
        Empty(w, ChartNs, "majorGridlines");
        Empty(w, ChartNs, "numFmt", ("formatCode", spec.NumberFormat), ("sourceLinked", "0"));
        AxisTicks(w, "nextTo", CategoryAxis);
        Val(w, "crossBetween", "between");
        w.WriteEndElement();
    }

    private static void AxisStart(XmlWriter w, uint id, string orientation, string position)
    {
        Val(w, "axId", Number(id));
        w.WriteStartElement("scaling", ChartNs);
        Val(w, "orientation", orientation);
        w.WriteEndElement();
        Val(w, "delete", "0");
        Val(w, "axPos", position);
    }

    private static void AxisTicks(XmlWriter w, string labels, uint crossing)
    {
        Val(w, "majorTickMark", "out");
        Val(w, "minorTickMark", "none");
        Val(w, "tickLblPos", labels);
        Val(w, "crossAx", Number(crossing));
        Val(w, "crosses", "autoZero");
    }

    /// <summary>A chart element holding its value in <c>val</c>.</summary>
    private static void Val(XmlWriter w, string name, string value) => Empty(w, ChartNs, name, ("val", value));

    private static void Empty(XmlWriter w, string ns, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name, ns);
        foreach (var (attribute, value) in attributes)
        {
            w.WriteAttributeString(attribute, value);
        }

        w.WriteEndElement();
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Zero(int oneBased) => (oneBased - 1).ToString(CultureInfo.InvariantCulture);

    private static string Ref(string sheet, int c1, int r1, int c2, int r2) =>
        $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!${CellReference.ColumnLetters(c1)}${r1}:${CellReference.ColumnLetters(c2)}${r2}";
}
