using System.Globalization;
using ClosedXML.Excel;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Report;

/// <summary>
/// 概览 as one A4 landscape page to print and hand on: the title and what the data is, four headline figures as large
/// cells (growth this month and year to date with their change, industry's contribution against the baseline, its share
/// of GDP), the analysis paragraphs, and below them the two key charts (contribution against the baseline, monthly
/// growth) drawn from the cells of 贡献率趋势 and 工业增速. Colour only where it means something: a fall, or below the baseline.
/// </summary>
internal static class OverviewPage
{
    /// <summary>Twelve columns of this width fill the width of A4 landscape at 100%.</summary>
    public const int Columns = 12;
    private const double ColumnWidth = 11;
    private const int CardColumns = 3;
    private const int ChartRows = 20;

    private const string Signed = "+0.0;-0.0;0.0";

    private sealed record Card(string Label, string Period, double? Value, string ChangeLabel, double? Change, string ChangeFormat, bool ColourChange);

    /// <summary>Writes the page; returns where the charts go (left and right halves, rows below the paragraphs).</summary>
    public static ((int Column, int Row) From, (int Column, int Row) To)[] Write(IXLWorksheet ws, SummaryData data, string scopeLine)
    {
        for (var c = 1; c <= Columns; c++)
        {
            ws.Column(c).Width = ColumnWidth;
        }

        Line(ws, 1, Words.English ? $"Industrial economy summary (period {data.PeriodCode})" : $"工业经济指标汇总（报告期 {data.PeriodCode}）", 16, true);
        ws.Row(1).Height = 26;
        var latestVintage = data.Files.Count == 0 ? "—" : data.Files.Max(f => f.IngestedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        Line(ws, 2, data.AsOf is { } asOf
            ? Words.English
                ? string.Create(CultureInfo.InvariantCulture, $"Data as known on {asOf:yyyy-MM-dd}; latest vintage {latestVintage}")
                : string.Create(CultureInfo.InvariantCulture, $"数据截至 {asOf:yyyy-MM-dd}（as-of），最新数据版本 {latestVintage}")
            : Words.English ? $"Latest vintage {latestVintage}; {data.Files.Count} files" : $"最新数据版本 {latestVintage}；共 {data.Files.Count} 个文件", 9, false);
        Line(ws, 3, scopeLine, 9, false);
        if (data.Scope.FellBack)
        {
            ws.Cell(3, 1).Style.Font.FontColor = XLColor.Red;
        }

        var cards = Cards(data);
        for (var i = 0; i < cards.Count; i++)
        {
            WriteCard(ws, 5, 1 + (i * CardColumns), cards[i]);
        }

        var row = 9;
        Line(ws, row++, Words.T("分析"), 12, true);
        foreach (var paragraph in data.Analysis)
        {
            Line(ws, row, paragraph, 10.5, false);
            var lines = Math.Ceiling(DisplayWidth.Of(paragraph) / (Columns * ColumnWidth * 0.9));
            ws.Row(row).Height = (Math.Max(1, lines) * 16) + 4;
            row++;
        }

        row++;
        ws.PageSetup.FitToPages(1, 1);
        ws.PageSetup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.5);
        ws.PageSetup.CenterHorizontally = true;
        var half = Columns / 2;
        return [((1, row), (1 + half, row + ChartRows)), ((1 + half, row), (1 + Columns, row + ChartRows))];
    }

    /// <summary>The headline figures of the region the analysis is about.</summary>
    private static List<Card> Cards(SummaryData data)
    {
        var region = AnalysisFacts.RegionOf(data);
        var panel = AnalysisFacts.LatestGrowth(data, region).Latest;
        var point = AnalysisFacts.LatestContribution(data, region);
        var share = point is null ? null : data.Indicators.Beside(point.Source, IndicatorCodes.Share);
        var pull = point is null ? null : data.Indicators.Beside(point.Source, IndicatorCodes.Pull);
        var baseline = data.Indicators.Baseline.ToString("0.0", CultureInfo.InvariantCulture);
        return
        [
            new("规上工业增加值增速（当月，%）", panel is null ? string.Empty : panel.Period.ChineseLabel(Basis.Month), panel?.MonthYoY, "较上期（百分点）", panel?.MonthAccelerationPp, Signed, false),
            new("规上工业增加值增速（累计，%）", panel is null ? string.Empty : panel.Period.ChineseLabel(Basis.YearToDate), panel?.YearToDateYoY, "较上期（百分点）", panel?.YearToDateAccelerationPp, Signed, false),
            new("工业对经济增长的贡献率（%）", point is null ? string.Empty : point.Period.ChineseLabel(point.Basis), point?.Contribution, Words.English ? $"Against the {baseline}% baseline (pp)" : $"较基准 {baseline}%（百分点）", point?.DeviationPp, Signed, true),
            new("工业拉动经济增长（百分点）", pull?.Value is null ? string.Empty : pull.Period.ChineseLabel(pull.Basis), pull?.Value, "工业增加值占GDP比重(%)", share?.Value, "0.0", false),
        ];
    }

    private static void WriteCard(IXLWorksheet ws, int row, int column, Card card)
    {
        var last = column + CardColumns - 1;
        var border = XLColor.FromHtml("#9BC2E6");
        var box = ws.Range(row, column, row + 2, last);
        box.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        box.Style.Border.OutsideBorderColor = border;
        box.Style.Fill.BackgroundColor = XLColor.FromHtml("#F3F8FC");

        var label = ws.Range(row, column, row, last).Merge();
        label.FirstCell().SetValue($"{Words.T(card.Label)}{(card.Period.Length == 0 ? string.Empty : "  " + Words.T(card.Period))}");
        label.Style.Font.FontSize = 9;
        label.Style.Font.FontColor = XLColor.FromHtml("#404040");
        label.Style.Alignment.WrapText = true;

        var value = ws.Range(row + 1, column, row + 1, last).Merge().FirstCell();
        if (card.Value is { } v)
        {
            value.SetValue(v);
            value.Style.NumberFormat.Format = "0.0";
            value.Style.Font.FontColor = v < 0 ? XLColor.Red : XLColor.Black;
        }
        else
        {
            value.SetValue("—");
        }

        value.Style.Font.FontSize = 22;
        value.Style.Font.Bold = true;
        value.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Row(row + 1).Height = 32;

        var changeLabel = ws.Range(row + 2, column, row + 2, last - 1).Merge().FirstCell();
        changeLabel.SetValue(Words.T(card.ChangeLabel));
        changeLabel.Style.Font.FontSize = 9;
        var change = ws.Cell(row + 2, last);
        if (card.Change is { } d)
        {
            change.SetValue(d);
            change.Style.NumberFormat.Format = card.ChangeFormat;
            if (card.ColourChange)
            {
                change.Style.Font.FontColor = d < 0 ? XLColor.Red : XLColor.FromHtml("#006100");
            }
        }

        change.Style.Font.Bold = true;
        change.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        ws.Row(row).Height = 26;
    }

    private static void Line(IXLWorksheet ws, int row, string text, double size, bool bold)
    {
        var range = ws.Range(row, 1, row, Columns).Merge();
        range.FirstCell().SetValue(text);
        range.Style.Font.FontSize = size;
        range.Style.Font.Bold = bold;
        range.Style.Alignment.WrapText = true;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }
}
