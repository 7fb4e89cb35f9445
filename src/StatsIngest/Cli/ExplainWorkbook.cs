using ClosedXML.Excel;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Normalize.Tables;
using StatsIngest.Read;
using StatsIngest.Report;

namespace StatsIngest.Cli;

/// <summary>
/// <c>validate --explain-workbook FILE.xlsx</c>: each table of a file drawn again, cell by cell, coloured by role, each
/// title, header and stub cell with what it names under its text, each value with the key it is stored under — cells
/// → dimensions → observations, in one picture an analyst can open in Excel or WPS.
/// </summary>
internal static class ExplainWorkbook
{
    private static readonly (char Role, string Colour, string Meaning)[] Legend =
    [
        ('T', "#FFF2CC", "title: period, indicator, region, status"), ('U', "#FCE4D6", "unit row"), ('K', "#D9D9D9", "stub header: what the row labels are"),
        ('H', "#DDEBF7", "column header: what the column names"), ('S', "#E2EFDA", "row label: what the row names"), ('D', "#FFFFFF", "value → the key it is stored under"),
        ('X', "#F2F2F2", "not stored (a rank, a change in percentage points …)"), ('N', "#EDEDED", "note"),
    ];

    public static void Write(string path, NormalizeResult result, IEnumerable<Observation> observations)
    {
        using var wb = new XLWorkbook();
        // Only the observations of the sheets drawn are kept: a canonical table, read record by record, is not drawn.
        var drawn = result.Tables.Where(t => t.Table is not null).Select(t => t.Sheet).ToHashSet(StringComparer.Ordinal);
        var stored = drawn.Count == 0 ? [] // nothing to colour: the observations are not read back at all
            : observations.Where(o => drawn.Contains(o.Source.Sheet)).GroupBy(o => (o.Source.Sheet, o.Source.Cell)).ToDictionary(g => g.Key, g => g.ToArray());
        var n = 0;
        foreach (var t in result.Tables.Where(t => t.Table is not null))
        {
            var ws = wb.Worksheets.Add($"{++n} {Safe(t.Sheet)}");
            WriteLegend(ws, t);
            WriteCells(ws, t.Table!, stored);
        }

        if (n == 0)
        {
            wb.Worksheets.Add("none").Cell(1, 1).SetValue("No table was read from cells (a canonical table, or nothing readable).");
        }

        wb.SaveAs(path);
    }

    private static string Safe(string sheet) => new string(sheet.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal)).Take(25).ToArray());

    private static void WriteLegend(IXLWorksheet ws, TableExplanation t)
    {
        ws.Cell(1, 1).SetValue($"'{t.Sheet}' {t.Table!.Geometry.Range} — profile {t.Profile.Name}, {t.ChosenBy}");
        ws.Cell(1, 1).Style.Font.Bold = true;
        for (var i = 0; i < Legend.Length; i++)
        {
            var cell = ws.Cell(2, 1 + i);
            cell.SetValue(Legend[i].Meaning);
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml(Legend[i].Colour);
            cell.Style.Alignment.WrapText = true;
            cell.Style.Font.FontSize = 9;
        }
    }

    private static void WriteCells(IXLWorksheet ws, TableInterpretation t, Dictionary<(string, string), Observation[]> stored)
    {
        var g = t.Geometry;
        var meanings = Meanings(t);
        const int top = 4;
        for (var r = g.Top; r <= g.Bottom; r++)
        {
            for (var c = g.Left; c <= g.Right; c++)
            {
                var text = g.Sheet.Cell(r, c)?.Text ?? string.Empty;
                var (role, meaning) = meanings.GetValueOrDefault((r, c), ('.', string.Empty));
                if (stored.TryGetValue((g.Sheet.Name, CellReference.ToA1(r, c)), out var obs))
                {
                    (role, meaning) = ('D', string.Join("\n", obs.Select(Key)));
                }

                var cell = ws.Cell(top + r - g.Top, 1 + c - g.Left);
                cell.SetValue(meaning.Length == 0 ? text : text + "\n→ " + meaning);
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                cell.Style.Border.OutsideBorder = XLBorderStyleValues.Hair;
                if (Legend.FirstOrDefault(l => l.Role == role) is { Colour: not null } legend)
                {
                    cell.Style.Fill.BackgroundColor = XLColor.FromHtml(legend.Colour);
                }
            }
        }

        foreach (var m in g.Sheet.Merges.Where(m => m.FromRow >= g.Top && m.ToRow <= g.Bottom && m.FromColumn >= g.Left && m.ToColumn <= g.Right))
        {
            ws.Range(top + m.FromRow - g.Top, 1 + m.FromColumn - g.Left, top + m.ToRow - g.Top, 1 + m.ToColumn - g.Left).Merge();
        }

        Fit(ws, top, top + g.Bottom - g.Top, g.Right - g.Left + 1);
    }

    /// <summary>Widths and heights by content (CJK counts twice; ClosedXML's auto-fit needs System.Drawing), one page wide, landscape.</summary>
    private static void Fit(IXLWorksheet ws, int top, int bottom, int columns)
    {
        for (var c = 1; c <= columns; c++)
        {
            var width = Enumerable.Range(top, bottom - top + 1).Select(r => ws.Cell(r, c).GetString().Split('\n').Max(DisplayWidth.Of)).DefaultIfEmpty(8).Max();
            ws.Column(c).Width = Math.Clamp(width + 2, 10, 36);
        }

        for (var r = top; r <= bottom; r++)
        {
            var lines = Enumerable.Range(1, columns).Max(c => ws.Cell(r, c).GetString().Split('\n').Length);
            ws.Row(r).Height = (lines * 13) + 4;
        }

        ws.Row(2).Height = 28;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
    }

    /// <summary>"GDP · SEC2 · 全国 / 2019 A · L" — the key of a stored value, short, on two lines.</summary>
    private static string Key(Observation o) =>
        string.Join(" · ", new[] { o.Key.Indicator, o.Key.Industry == SeriesKey.AllIndustries ? null : o.Key.Industry, o.Key.Region }.OfType<string>())
        + $"\n  {o.Period.Code} {Codes.Of(o.Key.Basis)} · {Codes.Of(o.Key.Measure)}{(o.Flags.HasFlag(ObservationFlags.Derived) ? " (derived)" : string.Empty)}";

    private static Dictionary<(int, int), (char Role, string Meaning)> Meanings(TableInterpretation t)
    {
        var m = new Dictionary<(int, int), (char, string)>();
        foreach (var c in t.Title)
        {
            m[(c.Row, c.Column)] = ('T', Short(c.Facts));
        }

        foreach (var (unit, cell) in t.DeclaredUnits)
        {
            m[(cell.Row, cell.Column)] = ('U', "unit " + unit);
        }

        foreach (var (column, kind, _) in t.StubKinds)
        {
            foreach (var h in t.StubHeaders.Where(h => h.Column == column))
            {
                m[(h.Row, h.Column)] = ('K', kind.ToString().ToLowerInvariant());
            }
        }

        foreach (var col in t.Columns)
        {
            foreach (var p in col.Path)
            {
                m[(p.Row, p.Column)] = (col.NotRead is null && col.Facts.Skip is null ? 'H' : 'X', col.NotRead is null ? Short(p.Facts) : "not understood");
            }
        }

        foreach (var row in t.Rows)
        {
            foreach (var s in row.Stub)
            {
                m[(s.Row, s.Column)] = ('S', Short(s.Facts));
            }

            if (row.Role == RowRole.Note)
            {
                m[(row.Row, t.Geometry.LabelColumn)] = ('N', string.Empty);
            }
        }

        return m;
    }

    private static string Short(CellFacts f)
    {
        var parts = new List<string>();
        Add(parts, f.Period?.Describe());
        Add(parts, f.Indicator);
        Add(parts, f.Industry);
        Add(parts, f.IsTotal ? "total" : null);
        Add(parts, f.Region);
        Add(parts, f.Basis is { } b ? Codes.Of(b) : null);
        Add(parts, f.Measure is { } m ? Codes.Of(m) : null);
        Add(parts, f.Unit);
        Add(parts, f.Status is { } s ? Codes.Of(s) : null);
        Add(parts, f.Skip is null ? null : "not stored");
        Add(parts, f.Unmapped ? "unmapped" : null);
        Add(parts, f.Subset ? "其中" : null);
        return string.Join(" · ", parts);
    }

    private static void Add(List<string> parts, string? part)
    {
        if (!string.IsNullOrEmpty(part))
        {
            parts.Add(part);
        }
    }
}
