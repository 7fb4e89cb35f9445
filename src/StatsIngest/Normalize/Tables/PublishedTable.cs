using System.Text.RegularExpressions;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// The shape every published table shares, found without knowing which layout it is: the preamble above the header
/// (title, period, unit row, scope notes), a header block of one to four rows whose merged cells are carried to every
/// column they cover, a label column, data columns, and the body below. Layouts score and read this shape.
/// </summary>
public sealed partial class PublishedTable
{
    private const int SearchRows = 40;
    private const int MaxHeaderRows = 4;

    private static readonly string[] LabelHeaderWords =
    [
        "指标", "指标名称", "项目", "行业", "行业名称", "行业分类", "地区", "地区名称", "名称", "产品", "产品名称",
        "产业", "产业链", "产业集群", "集群", "市州", "市(州)", "区县", "县市区", "县(市、区)", "地市", "分组", "类别", "单位名称",
    ];

    private PublishedTable(RawSheet sheet) => Sheet = sheet;

    public RawSheet Sheet { get; }

    /// <summary>The cells above the header (title, subtitle, unit row, scope note), top to bottom.</summary>
    public IReadOnlyList<RawCell> Preamble { get; private set; } = [];

    public int HeaderTop { get; private set; }

    public int HeaderBottom { get; private set; }

    public int FirstDataRow { get; private set; }

    public int LabelColumn { get; private set; } = 1;

    /// <summary>The header text above the label column ("指标", "项目", "地区" …), folded.</summary>
    public string LabelHeader { get; private set; } = string.Empty;

    /// <summary>A "计量单位" column between labels and values, when the table has one.</summary>
    public int? UnitColumn { get; private set; }

    /// <summary>A "代码" column (industry codes) beside the labels, when the table has one.</summary>
    public int? CodeColumn { get; private set; }

    public IReadOnlyList<HeaderColumn> Columns { get; private set; } = [];

    public bool HasHeader => HeaderTop > 0;

    public bool HasData => FirstDataRow > 0;

    /// <summary>The preamble's text, folded and joined: where titles name the indicator, the period and the vintage.</summary>
    public string Title => string.Join(" ", Preamble.Where(c => UnitDeclaration(c.Text) is null).Select(c => Label.Fold(c.Text)));

    /// <summary>The unit declared above or in the header ("单位：亿元" → 亿元), with its cell.</summary>
    public (string Unit, RawCell Cell)? DeclaredUnit { get; private set; }

    /// <summary>All units declared above the data (more than one is a conflict a layout reports).</summary>
    public IReadOnlyList<(string Unit, RawCell Cell)> DeclaredUnits { get; private set; } = [];

    /// <summary>The period the preamble gives ("2023年12月份…", "2022年前三季度…"), with its cell.</summary>
    public (ParsedPeriod Period, RawCell Cell, string Text)? TitlePeriod { get; private set; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RawSheet, PublishedTable> Cache = [];

    /// <summary>The analysis of a sheet, computed once per sheet however many layouts score it.</summary>
    public static PublishedTable Of(RawSheet sheet) => Cache.GetValue(sheet, Analyze);

    public static PublishedTable Analyze(RawSheet sheet)
    {
        var t = new PublishedTable(sheet);
        t.Scan();
        return t;
    }

    /// <summary>"单位：亿元", "计量单位:万元" → the unit; null when the text is not a unit declaration.</summary>
    public static string? UnitDeclaration(string? text)
    {
        var m = UnitDeclarationPattern().Match(Label.Fold(text));
        if (!m.Success)
        {
            return null;
        }

        // "单位：亿元、%" declares the unit of the levels and says growth rates are in %: the level unit is the one kept.
        var units = m.Groups["u"].Value.Split(['、', ',', '，', '/', ';', '；'], StringSplitOptions.RemoveEmptyEntries);
        return units.FirstOrDefault(u => u != "%") ?? units.FirstOrDefault();
    }

    /// <summary>The unit in brackets at the end of a label or header: "钢材(万吨)" → 万吨, "同比增长(%)" → %.</summary>
    public static (string Text, string? Unit) SplitUnit(string? label)
    {
        var s = Label.Fold(label);
        var m = TrailingBracket().Match(s);
        return m.Success ? (s[..m.Index], m.Groups["u"].Value) : (s, null);
    }

    public static bool IsLabelHeaderWord(string? text)
    {
        var key = Label.Key(SplitUnit(text).Text);
        return LabelHeaderWords.Any(w => Label.Key(w) == key);
    }

    /// <summary>The folded labels of the body rows (first column of the labels), for scoring.</summary>
    public IEnumerable<string> BodyLabels =>
        FirstDataRow == 0 ? [] : Enumerable.Range(FirstDataRow, Sheet.Rows.Count - FirstDataRow + 1)
            .Select(r => Label.Fold(Text(r, LabelColumn))).Where(l => l.Length > 0);

    /// <summary>The text of a body cell in a column, or empty.</summary>
    public string Text(int row, int column) => Sheet.Cell(row, column)?.Text ?? string.Empty;

    private void Scan()
    {
        FirstDataRow = FindFirstDataRow();
        if (FirstDataRow == 0)
        {
            Preamble = Sheet.Rows.Take(SearchRows).SelectMany(r => r).ToArray();
            FindTitleFacts();
            return;
        }

        LabelColumn = Sheet.Rows[FirstDataRow - 1][0].Column;

        // Section rows directly above the first data row ("分行业", "按行业分组") belong to the body.
        var r = FirstDataRow - 1;
        while (r >= 1 && Sheet.Rows[r - 1].Count == 1 && Sheet.Rows[r - 1][0].Column == LabelColumn
               && !IsLabelHeaderWord(Sheet.Rows[r - 1][0].Text) && UnitDeclaration(Sheet.Rows[r - 1][0].Text) is null)
        {
            r--;
        }

        var bottom = r;
        var top = 0;
        while (r >= 1 && bottom - r < MaxHeaderRows && IsHeaderRow(r))
        {
            top = r;
            r--;
        }

        if (top > 0)
        {
            HeaderTop = top;
            HeaderBottom = bottom;
        }

        var preambleEnd = top > 0 ? top - 1 : FirstDataRow - 1;
        Preamble = Sheet.Rows.Take(preambleEnd).SelectMany(x => x)
            .Concat(top > 0 ? Sheet.Rows.Skip(top - 1).Take(bottom - top + 1).SelectMany(x => x).Where(c => UnitDeclaration(c.Text) is not null) : [])
            .ToArray();
        FindTitleFacts();
        BuildColumns();
    }

    private int FindFirstDataRow()
    {
        for (var r = 1; r <= Math.Min(SearchRows, Sheet.Rows.Count); r++)
        {
            var cells = Sheet.Rows[r - 1];
            if (cells.Count < 2)
            {
                continue;
            }

            var label = cells[0].Text;
            if (ValueParser.Parse(label).Kind == ValueKind.Number || IsLabelHeaderWord(label) || UnitDeclaration(label) is not null)
            {
                continue;
            }

            var numbers = cells.Skip(1).Select(c => ValueParser.Parse(c.Text)).Where(v => v.Kind == ValueKind.Number).ToArray();
            if (numbers.Length == 0)
            {
                continue;
            }

            // "2021 | 2022" under a blank label cell is a header of years, not data.
            if (numbers.All(v => v.Number is >= 1949 and <= 2100 && v.Number % 1 == 0) && numbers.Length == cells.Count - 1
                && PeriodParser.TryParse(label, out _))
            {
                continue;
            }

            return r;
        }

        return 0;
    }

    private bool IsHeaderRow(int r)
    {
        var cells = Sheet.Rows[r - 1];
        if (cells.Any(c => UnitDeclaration(c.Text) is not null && c.Column <= LabelColumn))
        {
            return false;
        }

        var meaningful = cells.Count(c => UnitDeclaration(c.Text) is null);
        if (meaningful >= 2)
        {
            return true;
        }

        // A one-cell row is a header row when a merged header range reaches into it or it names the label column.
        return meaningful == 1 && (IsLabelHeaderWord(cells[0].Text)
            || Sheet.Merges.Any(m => m.FromRow < r && m.ToRow >= r)
            || (cells[0].Column > LabelColumn && r + 1 <= Sheet.Rows.Count && Sheet.Rows[r].Count >= 2));
    }

    private void FindTitleFacts()
    {
        var units = new List<(string, RawCell)>();
        foreach (var c in Preamble)
        {
            if (UnitDeclaration(c.Text) is { } u)
            {
                units.Add((u, c));
                continue;
            }

            if (TitlePeriod is null && PeriodParser.TryFind(c.Text, out var p, out var found) && p.Year is not null)
            {
                TitlePeriod = (p, c, found);
            }
        }

        if (TitlePeriod is null)
        {
            foreach (var c in Preamble.Where(c => UnitDeclaration(c.Text) is null))
            {
                if (PeriodParser.TryFind(c.Text, out var p, out var found))
                {
                    TitlePeriod = (p, c, found);
                    break;
                }
            }
        }

        DeclaredUnits = units.Distinct().ToArray();
        DeclaredUnit = units.Count > 0 ? units[0] : null;
    }

    private void BuildColumns()
    {
        var lastColumn = Sheet.Rows.Skip(HeaderTop > 0 ? HeaderTop - 1 : FirstDataRow - 1).SelectMany(x => x).Select(c => c.Column).DefaultIfEmpty(0).Max();
        LabelHeader = HeaderTop > 0 ? string.Join(" ", HeaderPath(LabelColumn)) : string.Empty;
        var columns = new List<HeaderColumn>();
        for (var col = LabelColumn + 1; col <= lastColumn; col++)
        {
            var path = HeaderTop > 0 ? HeaderPath(col) : [];
            var header = string.Concat(path);
            if (path.Count == 1 && (Label.Key(header) is "计量单位" or "单位") && UnitColumn is null)
            {
                UnitColumn = col;
                continue;
            }

            if (path.Count == 1 && Label.Key(header).Contains("代码", StringComparison.Ordinal) && CodeColumn is null)
            {
                CodeColumn = col;
                continue;
            }

            columns.Add(new HeaderColumn(col, path));
        }

        Columns = columns;
    }

    /// <summary>The header texts above a column, top to bottom, merged cells carried, repeated texts once.</summary>
    private List<string> HeaderPath(int column)
    {
        var path = new List<string>();
        for (var r = HeaderTop; r <= HeaderBottom; r++)
        {
            var text = Sheet.MergedText(r, column);
            if (text.Length == 0 && Sheet.Merges.Count == 0 && r < HeaderBottom && column > LabelColumn)
            {
                // No merge information (CSV, or a sheet saved without merges): an upper header cell spans to the right.
                for (var c = column - 1; c > LabelColumn && text.Length == 0; c--)
                {
                    text = Sheet.Cell(r, c)?.Text ?? string.Empty;
                }
            }

            var folded = Label.Fold(text);
            if (folded.Length > 0 && (path.Count == 0 || path[^1] != folded))
            {
                path.Add(folded);
            }
        }

        return path;
    }

    [GeneratedRegex(@"^(计量)?单位[:：]?(?<u>[^\s:：]{1,16})$")]
    private static partial Regex UnitDeclarationPattern();

    [GeneratedRegex(@"\((?<u>[^()]{1,12})\)$")]
    private static partial Regex TrailingBracket();
}

/// <summary>A data column: its number and the header texts above it, top to bottom (merged cells carried).</summary>
public sealed record HeaderColumn(int Column, IReadOnlyList<string> Path)
{
    public string Text => string.Join(" / ", Path);
}
