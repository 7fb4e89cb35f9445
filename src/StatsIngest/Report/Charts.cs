using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using StatsIngest.Read;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

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
/// Adds native charts (DrawingML chart parts, editable in Excel and WPS) to a saved workbook with the Open XML SDK:
/// ClosedXML 0.95.4 has no charts.
/// </summary>
public static class Charts
{
    /// <summary>Adds the charts to a package opened without auto-save: every part changed is saved here.</summary>
    public static void Add(SpreadsheetDocument doc, IReadOnlyList<ChartSpec> charts)
    {
        var workbookPart = doc.WorkbookPart!;
        var chartNumber = 0;
        foreach (var group in charts.GroupBy(c => c.Sheet))
        {
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == group.Key);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var drawingsPart = worksheetPart.DrawingsPart ?? worksheetPart.AddNewPart<DrawingsPart>();
            if (drawingsPart.WorksheetDrawing is null)
            {
                drawingsPart.WorksheetDrawing = new Xdr.WorksheetDrawing();
                AttachDrawing(worksheetPart, worksheetPart.GetIdOfPart(drawingsPart));
            }

            foreach (var spec in group)
            {
                chartNumber++;
                var chartPart = drawingsPart.AddNewPart<ChartPart>();
                chartPart.ChartSpace = ChartSpace(spec);
                chartPart.ChartSpace.Save();
                drawingsPart.WorksheetDrawing.Append(Anchor(spec, drawingsPart.GetIdOfPart(chartPart), (uint)chartNumber + 1));
            }

            drawingsPart.WorksheetDrawing.Save();
            worksheetPart.Worksheet.Save();
        }
    }

    /// <summary>The drawing reference goes where the schema wants it: before legacy drawings, table parts and extensions.</summary>
    private static void AttachDrawing(WorksheetPart worksheetPart, string id)
    {
        var ws = worksheetPart.Worksheet;
        var drawing = new Drawing { Id = id };
        var before = ws.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or DrawingHeaderFooter or Picture
            or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
        if (before is null)
        {
            ws.Append(drawing);
        }
        else
        {
            ws.InsertBefore(drawing, before);
        }
    }

    private static C.ChartSpace ChartSpace(ChartSpec spec)
    {
        var plotArea = new C.PlotArea(new C.Layout());
        OpenXmlCompositeElement chart = spec.Kind == ChartKind.Line
            ? new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false })
            : new C.BarChart(new C.BarDirection { Val = C.BarDirectionValues.Bar }, new C.BarGrouping { Val = C.BarGroupingValues.Clustered }, new C.VaryColors { Val = false });
        for (var i = 0; i < spec.Series.Count; i++)
        {
            chart.Append(Series(spec, spec.Series[i], (uint)i));
        }

        if (spec.Kind == ChartKind.Line)
        {
            chart.Append(new C.ShowMarker { Val = true });
        }
        else
        {
            chart.Append(new C.GapWidth { Val = 60 });
        }

        chart.Append(new C.AxisId { Val = 48650001U }, new C.AxisId { Val = 48650002U });
        plotArea.Append(chart);
        var horizontal = spec.Kind == ChartKind.Line;
        plotArea.Append(new C.CategoryAxis(
            new C.AxisId { Val = 48650001U },
            new C.Scaling(new C.Orientation { Val = horizontal ? C.OrientationValues.MinMax : C.OrientationValues.MaxMin }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
            new C.CrossingAxis { Val = 48650002U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 },
            new C.NoMultiLevelLabels { Val = false }));
        plotArea.Append(new C.ValueAxis(
            new C.AxisId { Val = 48650002U },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = spec.NumberFormat, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 48650001U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between }));

        return new C.ChartSpace(
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(
                    new C.ChartText(new C.RichText(
                        new A.BodyProperties(),
                        new A.ListStyle(),
                        new A.Paragraph(new A.Run(new A.RunProperties { Language = "zh-CN", FontSize = 1200, Bold = true }, new A.Text(spec.Title))))),
                    new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                plotArea,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
    }

    private static OpenXmlCompositeElement Series(ChartSpec spec, ChartSeries s, uint index)
    {
        var name = new C.SeriesText(new C.StringReference(
            new C.Formula(Ref(spec.CellsSheet, s.NameColumn, s.NameRow, s.NameColumn, s.NameRow)),
            new C.StringCache(new C.PointCount { Val = 1U }, new C.StringPoint(new C.NumericValue(s.Name)) { Index = 0U })));
        var categories = new C.StringCache(new C.PointCount { Val = (uint)spec.Categories.Count });
        for (var i = 0; i < spec.Categories.Count; i++)
        {
            categories.Append(new C.StringPoint(new C.NumericValue(spec.Categories[i])) { Index = (uint)i });
        }

        var values = new C.NumberingCache(new C.FormatCode(spec.NumberFormat), new C.PointCount { Val = (uint)s.Values.Count });
        for (var i = 0; i < s.Values.Count; i++)
        {
            if (s.Values[i] is { } v)
            {
                values.Append(new C.NumericPoint(new C.NumericValue(v.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        var cat = new C.CategoryAxisData(new C.StringReference(new C.Formula(Ref(spec.CellsSheet, spec.CategoryColumn, spec.FirstRow, spec.CategoryColumn, spec.LastRow)), categories));
        var val = new C.Values(new C.NumberReference(new C.Formula(Ref(spec.CellsSheet, s.ValueColumn, spec.FirstRow, s.ValueColumn, spec.LastRow)), values));
        if (spec.Kind == ChartKind.Line)
        {
            return new C.LineChartSeries(
                new C.Index { Val = index }, new C.Order { Val = index }, name,
                new C.Marker(new C.Symbol { Val = index == 0 ? C.MarkerStyleValues.Circle : C.MarkerStyleValues.None }),
                cat, val, new C.Smooth { Val = false });
        }

        return new C.BarChartSeries(new C.Index { Val = index }, new C.Order { Val = index }, name, new C.InvertIfNegative { Val = false }, cat, val);
    }

    private static Xdr.TwoCellAnchor Anchor(ChartSpec spec, string chartId, uint id) =>
        new(
            new Xdr.FromMarker(new Xdr.ColumnId(Zero(spec.From.Column)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Zero(spec.From.Row)), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(new Xdr.ColumnId(Zero(spec.To.Column)), new Xdr.ColumnOffset("0"), new Xdr.RowId(Zero(spec.To.Row)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id, Name = spec.Title },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 0L, Cy = 0L }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = string.Empty },
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };

    private static string Zero(int oneBased) => (oneBased - 1).ToString(CultureInfo.InvariantCulture);

    private static string Ref(string sheet, int c1, int r1, int c2, int r2) =>
        $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!${CellReference.ColumnLetters(c1)}${r1}:${CellReference.ColumnLetters(c2)}${r2}";
}
