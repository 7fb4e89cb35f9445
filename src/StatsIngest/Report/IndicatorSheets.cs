using System.Globalization;
using ClosedXML.Excel;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Report;

/// <summary>The sheets of the indicators beyond industry vs GDP: 工业增速 (monthly panel), 行业 (drivers), 目标 (targets and tiers), and the checks and revisions of 来源.</summary>
internal static class IndicatorSheets
{
    public const string PanelSheet = "工业增速";
    public const string DriversSheet = "行业";
    public const string TargetsSheet = "目标";

    public static TableSheet WritePanel(IXLWorksheet ws, SummaryData data, List<ChartSpec> charts)
    {
        var table = new TableSheet(ws, 1,
            ["地区", "期间", "当月同比(%)", "累计同比(%)", "当月较上期(百分点)", "累计较上期(百分点)", "说明", "数据版本（文件编号）"],
            streamed: true); // a month a row, Report:PanelYears years of each region
        var rows = new List<(int Row, PanelRow Panel)>();
        foreach (var p in data.ShownPanel.OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Period))
        {
            rows.Add((table.NextRow, p));
            // Charted columns stay blank when a figure is not published, so the chart shows a gap, not a zero.
            table.AddRow(p.Region, p.Label, new NumberCell(p.MonthYoY, NumberCell.Percent, null), new NumberCell(p.YearToDateYoY, NumberCell.Percent, null),
                new NumberCell(p.MonthAccelerationPp, NumberCell.Points), new NumberCell(p.YearToDateAccelerationPp, NumberCell.Points),
                p.MonthFromYearToDate ? "1—2月合并发布：当月即累计" : string.Empty,
                string.Join(",", p.Inputs.Select(i => i.VintageId).Distinct().Order()));
        }

        table.Finish();
        var first = rows.GroupBy(r => r.Panel.Region).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.TakeLast(24).ToArray();
        if (first is { Length: >= 2 })
        {
            charts.Add(new ChartSpec(ws.Name, Words.English ? $"Above-scale industry value added growth ({first[0].Panel.Region}, %)" : $"规模以上工业增加值增速（{first[0].Panel.Region}，%）",
                ChartKind.Line, 2, first[0].Row, first[^1].Row,
                first.Select(r => Words.T(r.Panel.Label)).ToArray(),
                [
                    new ChartSeries(Words.T("当月同比(%)"), 1, 3, 3, first.Select(r => r.Panel.MonthYoY).ToArray()),
                    new ChartSeries(Words.T("累计同比(%)"), 1, 4, 4, first.Select(r => r.Panel.YearToDateYoY).ToArray()),
                ],
                "0.0", (10, 2), (20, 22)));
        }

        return table;
    }

    public static TableSheet WriteDrivers(IXLWorksheet ws, SummaryData data, List<ChartSpec> charts)
    {
        var ranked = new List<(int Row, DriverValue Driver)>();
        var table = new TableSheet(ws, 1,
            ["地区", "期间", "类别", "代码", "名称", "权重(上年同期占比,%)", "增速(%)", "贡献率(%)", "拉动(百分点)", "排名", "说明", "数据版本（文件编号）"],
            streamed: true);
        foreach (var d in data.ShownDrivers.OrderBy(d => d.Region, StringComparer.Ordinal).ThenByDescending(d => d.Period).ThenBy(d => d.Basis)
                     .ThenBy(d => KindOrder(d.Kind)).ThenBy(d => d.Rank ?? int.MaxValue).ThenBy(d => d.Code, StringComparer.Ordinal))
        {
            ranked.Add((table.NextRow, d));
            table.AddRow(d.Region, d.Period.ChineseLabel(d.Basis), KindLabel(d.Kind), d.Code, d.Name,
                new NumberCell(d.Weight * 100, NumberCell.Percent), new NumberCell(d.Growth, NumberCell.Percent),
                new NumberCell(d.Contribution, NumberCell.Percent), new NumberCell(d.Pull, "0.00"),
                d.Rank is { } r ? (long)r : null,
                string.Join(Words.English ? "; " : "；", new[] { d.FromMembers ? Words.T("由成员行业加总") : null, d.NotComputable is null ? null : Words.Note(d.NotComputable) }.Where(x => x is not null)),
                string.Join(",", d.InputVintages));
        }

        table.Finish();
        if (table.NextRow > 2)
        {
            // Negative growth, contribution and pull in red; the three largest contributions highlighted.
            var last = table.NextRow - 1;
            ws.Range(2, 7, last, 9).AddConditionalFormat().WhenLessThan(0).Font.SetFontColor(XLColor.Red);
            ws.Range(2, 8, last, 8).AddConditionalFormat().WhenIsTop(3).Fill.SetBackgroundColor(XLColor.FromHtml("#FFF2CC"));
        }

        // The top contributors among the divisions of the latest period of the first region.
        var latest = ranked.Where(r => r.Driver.Kind == "division" && r.Driver.Rank is not null)
            .GroupBy(r => (r.Driver.Region, r.Driver.Period, r.Driver.Basis))
            .OrderBy(g => g.Key.Region, StringComparer.Ordinal).ThenByDescending(g => g.Key.Period)
            .FirstOrDefault()?.OrderBy(r => r.Row).Take(10).ToArray();
        if (latest is { Length: >= 1 } && latest[^1].Row - latest[0].Row == latest.Length - 1)
        {
            var d0 = latest[0].Driver;
            charts.Add(new ChartSpec(ws.Name,
                Words.English ? $"Largest contributions to above-scale industrial growth ({d0.Region}, {Words.T(d0.Period.ChineseLabel(d0.Basis))}, %)" : $"对规上工业增长贡献最大的行业（{d0.Region}，{d0.Period.ChineseLabel(d0.Basis)}，%）",
                ChartKind.Bar, 5, latest[0].Row, latest[^1].Row, latest.Select(r => r.Driver.Name).ToArray(),
                [new ChartSeries(Words.T("贡献率(%)"), 1, 8, 8, latest.Select(r => r.Driver.Contribution).ToArray())],
                "0.0", (14, 2), (22, 22)));
        }

        return table;
    }

    public static TableSheet WriteTargets(IXLWorksheet ws, SummaryData data, List<ChartSpec> charts)
    {
        var table = new TableSheet(ws, 1,
            ["分组", "目标", "计量", "最新年份", "最新值", "目标值", "目标年份", "进度(%)", "差距", "所需年均增速(%)", "近年年均增速(%)", "按近年增速预计目标年", "状态", "说明", "数据版本（文件编号）"]);
        foreach (var t in data.Indicators.Targets)
        {
            table.AddRow(t.Target.Group, t.Target.Name, Words.English ? $"{t.Target.Metric} ({Words.T(t.Target.Unit)})" : $"{Words.Metric(t.Target.Metric)}（{t.Target.Unit}）", t.LatestYear is { } y ? (long)y : null,
                NumberCell.ForUnit(t.Latest, t.Target.Unit), NumberCell.ForUnit(t.Target.TargetValue, t.Target.Unit), (long)t.Target.TargetYear,
                new NumberCell(t.ProgressPercent, NumberCell.Percent, null), NumberCell.ForUnit(t.Gap, t.Target.Unit),
                new NumberCell(t.RequiredCagrPercent, NumberCell.Percent), new NumberCell(t.TrailingCagrPercent, NumberCell.Percent),
                NumberCell.ForUnit(t.Projected, t.Target.Unit), StatusLabel(t.Status), Words.Note(t.Note), string.Join(",", t.InputVintages));
            ws.Cell(table.NextRow - 1, 13).Style.Fill.BackgroundColor = XLColor.FromHtml(t.Status switch
            {
                TargetStatus.Achieved => "#C6EFCE",
                TargetStatus.OnTrack => "#E2EFDA",
                TargetStatus.AtRisk => "#FFEB9C",
                TargetStatus.OffTrack => "#FFC7CE",
                _ => "#EDEDED",
            });
        }

        table.Finish();
        var targets = data.Indicators.Targets;
        if (targets.Count > 0)
        {
            charts.Add(new ChartSpec(ws.Name, Words.English ? "Progress towards the plan's targets (%)" : "规划目标完成进度（%）", ChartKind.Bar, 2, 2, 1 + targets.Count,
                targets.Select(t => t.Target.Name).ToArray(),
                [new ChartSeries(Words.T("进度(%)"), 1, 8, 8, targets.Select(t => t.ProgressPercent).ToArray())],
                "0", (1, table.NextRow + 4 + Math.Max(2, data.Indicators.Tiers.Count)), (9, table.NextRow + 24 + Math.Max(2, data.Indicators.Tiers.Count))));
        }
        var tiers = new TableSheet(ws, table.NextRow + 2, ["规模层级", "年份", "达到门槛的个数", "目标个数", "目标年份", "尚差", "达到门槛", "未达到", "无数据"]);
        foreach (var c in data.Indicators.Tiers)
        {
            tiers.AddRow(Words.English
                    ? string.Create(CultureInfo.InvariantCulture, $"{Words.T(c.Tier.Name)} (≥ {c.Tier.Threshold:0} {Words.T("亿元")})")
                    : string.Create(CultureInfo.InvariantCulture, $"{c.Tier.Name}（≥{c.Tier.Threshold:0}亿元）"), (long)c.Year, (long)c.Count, (long)c.Tier.TargetCount,
                (long)c.Tier.TargetYear, (long)c.Gap, IndustryNames(c.AtOrAbove, data), IndustryNames(c.Below, data), IndustryNames(c.NoData, data));
        }

        tiers.Finish();

        return table;
    }

    /// <summary>Below the files of 来源: the consistency warnings and the revisions applied.</summary>
    public static void WriteChecksAndRevisions(IXLWorksheet ws, int startRow, SummaryData data)
    {
        ws.Cell(startRow, 1).SetValue(Words.T("一致性检查：未通过的（警告，未作任何修正）"));
        ws.Cell(startRow, 1).Style.Font.Bold = true;
        var checks = new TableSheet(ws, startRow + 1, ["检查", "地区", "期间", "口径", "应为", "实为", "差额", "容差", "说明"]);
        foreach (var w in data.Indicators.Warnings)
        {
            checks.AddRow(w.Check, w.Region, w.Period.ChineseLabel(w.Basis), SummaryWorkbookWriter.BasisLabel(w.Basis),
                new NumberCell(w.Expected, "0.00"), new NumberCell(w.Found, "0.00"), new NumberCell(w.Difference, "0.00"), new NumberCell(w.Tolerance, "0.00"), w.Message);
        }

        if (data.Indicators.Warnings.Count == 0)
        {
            checks.AddRow("—", string.Empty, string.Empty, string.Empty, null, null, null, null,
                Words.English
                    ? string.Create(CultureInfo.InvariantCulture, $"all {data.Indicators.Checks.Count} checks hold within rounding")
                    : string.Create(CultureInfo.InvariantCulture, $"全部 {data.Indicators.Checks.Count} 项检查在舍入容差内通过"));
        }

        var row = checks.NextRow + 1;
        ws.Cell(row, 1).SetValue(Words.T("修订记录：数据修订引起的指标变化"));
        ws.Cell(row, 1).Style.Font.Bold = true;
        var revisions = new TableSheet(ws, row + 1, ["计算时间(UTC)", "指标", "对象", "地区", "期间", "原值", "新值", "修订幅度", "原数据版本", "新数据版本", "被修订的输入"]);
        foreach (var r in data.Revisions.Reverse())
        {
            revisions.AddRow(r.ComputedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Indicator, r.Subject, r.Region, r.Period,
                new NumberCell(r.PreviousValue, "0.00"), new NumberCell(r.NewValue, "0.00"), new NumberCell(r.NewValue - r.PreviousValue, "+0.00;-0.00;0.00"), r.PreviousVintages, r.NewVintages, r.RevisedInputs.Replace("\n", "；", StringComparison.Ordinal));
        }

        revisions.Finish();
        checks.Finish();
        if (data.Overdue.Count > 0)
        {
            var lateRow = revisions.NextRow + 1;
            ws.Cell(lateRow, 1).SetValue(Words.English ? "Late files: due from a source and not arrived (the period is missing)" : "逾期未到的文件：来源应交付而未收到（该期缺失）");
            ws.Cell(lateRow, 1).Style.Font.Bold = true;
            var late = new TableSheet(ws, lateRow + 1, ["来源", "期间", "应到日期", "状态"]);
            foreach (var o in data.Overdue)
            {
                late.AddRow(o.Source, o.Period.ChineseLabel(Domain.Basis.Month), o.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "缺失");
            }

            late.Finish();
        }
    }

    /// <summary>Industries by name in the workbook's language, joined as the language joins a list.</summary>
    public static string IndustryNames(IEnumerable<string> codes, SummaryData data) =>
        string.Join(Words.English ? ", " : "、", codes.Select(c => Words.T(data.Codes.Industries.NameOf(c))));

    public static string StatusLabel(TargetStatus s) => s switch
    {
        TargetStatus.Achieved => "已完成",
        TargetStatus.OnTrack => "进度正常",
        TargetStatus.AtRisk => "有风险",
        TargetStatus.OffTrack => "滞后",
        _ => "数据不足",
    };

    private static int KindOrder(string kind) => kind switch { "section" => 0, "group" => 1, _ => 2 };

    private static string KindLabel(string kind) => kind switch { "section" => "门类", "group" => "行业组", "division" => "大类", _ => kind };
}
