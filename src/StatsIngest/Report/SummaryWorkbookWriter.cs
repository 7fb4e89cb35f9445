using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Report;

/// <summary>
/// Writes the summary workbook (ClosedXML): 概览 (headline figures), 贡献率趋势 (the trend table), 数据 (the
/// observations used, with provenance) and 来源 (the files received). Values, not formulas; number formats per unit;
/// frozen headers; widths set by the code. Written to a temporary file and renamed.
/// </summary>
public static class SummaryWorkbookWriter
{
    public const string OverviewSheet = "概览";
    public const string KeyFiguresSheet = "要点";
    public const string TrendSheet = "贡献率趋势";
    public const string DataSheet = "数据";
    public const string SourcesSheet = "来源";

    /// <summary>StatsIngest_Summary_2023-12.xlsx, then StatsIngest_Summary_2023-12_r2.xlsx for the second revision.</summary>
    public static string FileNameFor(string periodCode, int revision = 1) =>
        revision <= 1 ? $"StatsIngest_Summary_{periodCode}.xlsx" : $"StatsIngest_Summary_{periodCode}_r{revision}.xlsx";

    /// <summary>Writes the workbook to <paramref name="path"/> (a temporary file: publishing renames it).</summary>
    public static void Build(string path, SummaryData data) => BuildTables(path, data);

    /// <summary>Writes the workbook to <paramref name="stream"/> (readable, writable and seekable: the charts and streamed rows are added in place).</summary>
    public static void Build(Stream stream, SummaryData data) =>
        BuildTables(data, wb => wb.SaveAs(stream), () =>
        {
            stream.Position = 0;
            return SpreadsheetDocument.Open(stream, true, Edit);
        });

    /// <returns>The main table of each sheet, for the companion CSVs.</returns>
    internal static IReadOnlyList<TableSheet> BuildTables(string path, SummaryData data) =>
        BuildTables(data, wb => wb.SaveAs(path), () => SpreadsheetDocument.Open(path, true, Edit));

    /// <summary>The package opened again after ClosedXML saved it: changed in place, saved once when closed.</summary>
    private static OpenSettings Edit => new() { AutoSave = false };

    /// <param name="save">Saves what ClosedXML wrote.</param>
    /// <param name="open">Opens what was saved, for <see cref="Finish"/>.</param>
    private static IReadOnlyList<TableSheet> BuildTables(SummaryData data, Action<XLWorkbook> save, Func<SpreadsheetDocument> open)
    {
        var charts = new List<ChartSpec>();
        var tables = new List<TableSheet>();
        using var language = Words.Use(data.Language, data.WorkbookWords);
        using (var wb = new XLWorkbook())
        {
            var chartPlaces = OverviewPage.Write(wb.Worksheets.Add(Words.T(OverviewSheet)), data, ScopeLine(data));
            tables.Add(WriteKeyFigures(wb.Worksheets.Add(Words.T(KeyFiguresSheet)), data));
            tables.Add(WriteTrend(wb.Worksheets.Add(Words.T(TrendSheet)), data, charts));
            tables.Add(IndicatorSheets.WritePanel(wb.Worksheets.Add(Words.T(IndicatorSheets.PanelSheet)), data, charts));
            // The two key charts again on 概览, drawn from the same cells.
            var keyCharts = new[] { Words.T(TrendSheet), Words.T(IndicatorSheets.PanelSheet) }
                .Select(name => charts.FirstOrDefault(c => c.Sheet == name)).ToArray();
            for (var i = 0; i < keyCharts.Length; i++)
            {
                if (keyCharts[i] is { } chart)
                {
                    charts.Add(chart with { Sheet = Words.T(OverviewSheet), DataSheet = chart.Sheet, From = chartPlaces[i].From, To = chartPlaces[i].To });
                }
            }

            tables.Add(IndicatorSheets.WriteDrivers(wb.Worksheets.Add(Words.T(IndicatorSheets.DriversSheet)), data, charts));
            tables.Add(IndicatorSheets.WriteTargets(wb.Worksheets.Add(Words.T(IndicatorSheets.TargetsSheet)), data, charts));
            tables.Add(WriteData(wb.Worksheets.Add(Words.T(DataSheet)), data));
            tables.Add(WriteSources(wb.Worksheets.Add(Words.T(SourcesSheet)), data));
            tables.Add(NotesSheet.Write(wb.Worksheets.Add(Words.T(NotesSheet.Name)), data));
            foreach (var sheet in wb.Worksheets)
            {
                // Landscape A4, all columns on one page wide, header row repeated on every printed page.
                sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
                sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
                var used = sheet.RangeUsed();
                var streamed = tables.Where(t => t.SheetName == sheet.Name && t.StreamedRows is not null).ToArray();
                if (sheet.Name != Words.T(OverviewSheet))
                {
                    PrintFit.Apply(sheet, used?.LastColumn().ColumnNumber() ?? 0, streamed.SelectMany(t => t.StreamedRows!));
                    sheet.PageSetup.FitToPages(1, 0);
                    sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
                }

                // The print area covers the tables (streamed ones too) and the charts drawn beside or below them.
                var lastRow = new[] { used?.LastRow().RowNumber() ?? 1 }.Concat(streamed.Select(t => t.LastRow))
                    .Concat(charts.Where(c => c.Sheet == sheet.Name).Select(c => c.To.Row)).Max();
                var lastColumn = Math.Max(used?.LastColumn().ColumnNumber() ?? 1, charts.Where(c => c.Sheet == sheet.Name).Select(c => c.To.Column).DefaultIfEmpty(1).Max());
                sheet.PageSetup.PrintAreas.Add(1, 1, lastRow, lastColumn);
            }

            wb.Properties.Title = Words.English ? $"StatsIngest industrial economy summary {data.PeriodCode}" : $"StatsIngest 工业经济指标汇总 {data.PeriodCode}";
            wb.Properties.Subject = data.PeriodCode;
            wb.Properties.Author = "StatsIngest";
            wb.Properties.Comments = $"Generated by StatsIngest {typeof(SummaryWorkbookWriter).Assembly.GetName().Version} at {data.GeneratedAt:O}";
            save(wb);
        }

        Finish(open, charts, tables);
        return tables;
    }

    /// <summary>What ClosedXML cannot write, or not fast: the charts and the streamed tables' rows, in one pass over the package.</summary>
    internal static void Finish(string path, IReadOnlyList<ChartSpec> charts, IReadOnlyList<TableSheet> tables) =>
        Finish(() => SpreadsheetDocument.Open(path, true, Edit), charts, tables);

    private static void Finish(Func<SpreadsheetDocument> open, IReadOnlyList<ChartSpec> charts, IReadOnlyList<TableSheet> tables)
    {
        var streamed = tables.Where(t => t.StreamedRows is not null)
            .Select(t => (Sheet: t.SheetName, Rows: (IReadOnlyList<StreamedRow>)t.StreamedRows!.ToArray())).ToArray();
        if (charts.Count == 0 && streamed.All(t => t.Rows.Count == 0))
        {
            return;
        }

        using var doc = open();
        Charts.Add(doc, charts);
        StreamedSheets.Write(doc, streamed);
    }

    /// <summary>Which regions the workbook reports, and how to change it.</summary>
    private static string ScopeLine(SummaryData data) => data.Scope switch
    {
        { FellBack: true } => Words.English
            ? $"The store holds no data of {data.DefaultRegion} (Indicators:DefaultRegion): every region is reported. Set Indicators:DefaultRegion or Report:Regions to report your region."
            : $"库中没有默认地区“{data.DefaultRegion}”（Indicators:DefaultRegion）的数据，本表报告全部地区。请设置 Indicators:DefaultRegion 或 Report:Regions 只报告本地区。",
        { Regions: null } => Words.English ? "Regions reported: all (Report:Regions = *)" : "报告地区：全部（Report:Regions = *）",
        { Regions: var r } => Words.English
            ? $"Regions reported: {string.Join(", ", r)} (Report:Regions; the store keeps every region, `statsingest export` gives them all)"
            : $"报告地区：{string.Join("、", r)}（Report:Regions；其他地区的数据已入库，可用 statsingest export 导出）",
    };

    /// <summary>要点: every headline figure with its period, comparison, region and vintages (the table 概览 used to be).</summary>
    private static TableSheet WriteKeyFigures(IXLWorksheet ws, SummaryData data)
    {
        var table = new TableSheet(ws, 1, ["项目", "期间", "数值", "单位", "基准/对比", "地区/说明", "数据版本（文件编号）"]);
        var gdp = data.Indicators.IndustryVsGdp.Where(v => v.Part == GdpPart.AllIndustry.Code).ToArray();
        var latestContribution = gdp.Where(v => v.Indicator == IndicatorCodes.ContributionRate && v.Value is not null && v.Basis == Basis.Year).MaxBy(v => v.Period);
        if (latestContribution is not null)
        {
            var trend = data.Indicators.Trend.FirstOrDefault(t => t.Source == latestContribution);
            var arrow = trend is null ? string.Empty : trend.DeviationPp >= 0 ? "↑ 高于基准" : "↓ 低于基准";
            table.AddRow("工业对经济增长的贡献率", latestContribution.Period.ChineseLabel(latestContribution.Basis),
                new NumberCell(latestContribution.Value, NumberCell.Percent), "%",
                Words.English
                    ? string.Create(CultureInfo.InvariantCulture, $"baseline {data.Indicators.Baseline:0.0}%, deviation {trend?.DeviationPp:+0.0;-0.0;0.0} pp {Words.T(arrow)}")
                    : string.Create(CultureInfo.InvariantCulture, $"基准 {data.Indicators.Baseline:0.0}%，偏离 {trend?.DeviationPp:+0.0;-0.0;0.0} 个百分点 {arrow}"),
                latestContribution.Region, Vintages(latestContribution));
            AddIndicatorRow(table, data.Indicators, IndicatorCodes.Pull, latestContribution, "工业拉动经济增长", "百分点");
            AddIndicatorRow(table, data.Indicators, IndicatorCodes.Share, latestContribution, "工业增加值占GDP比重", "%");
        }
        else
        {
            table.AddRow("工业对经济增长的贡献率", "—", new NumberCell(null, NumberCell.Percent), "%", string.Empty,
                gdp.FirstOrDefault(v => v.Indicator == IndicatorCodes.ContributionRate)?.NotComputable is { } why ? Words.Note(why)
                : Words.English ? "not computable: needs the previous year's levels of GDP and all industry, and their growth" : "无法计算：缺少上年GDP和全部工业增加值总量及其增速", string.Empty);
        }

        foreach (var basis in new[] { Basis.Month, Basis.YearToDate })
        {
            var growth = data.LatestGrowth(basis);
            if (growth is not null)
            {
                table.AddRow(basis == Basis.Month ? "规模以上工业增加值增速（当月）" : "规模以上工业增加值增速（累计）",
                    growth.Period.ChineseLabel(basis), new NumberCell(growth.Value, NumberCell.Percent), "%", "同比，可比价",
                    growth.Key.Region, growth.VintageId.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var t in data.Indicators.TrendSummaries.Where(t => t.Basis == Basis.Year))
        {
            table.AddRow("贡献率走势（近期斜率）", t.Latest.ChineseLabel(t.Basis), new NumberCell(t.SlopePpPerYear, "0.00"), "百分点/年",
                $"{Words.T(TrendLabel(t))}{(Words.English ? "; " : "；")}{AlertLabel(t, data.Indicators.Baseline)}", t.Region, string.Empty);
        }

        var targets = data.Indicators.Targets;
        if (targets.Count > 0)
        {
            table.AddRow("规划目标：项数", string.Empty, targets.Count, "项", string.Empty, string.Empty, "见“目标”表");
            table.AddRow("规划目标：滞后或有风险", string.Empty, targets.Count(t => t.Status is TargetStatus.OffTrack or TargetStatus.AtRisk), "项", string.Empty, string.Empty, "见“目标”表");
            table.AddRow("规划目标：进度正常或已完成", string.Empty, targets.Count(t => t.Status is TargetStatus.OnTrack or TargetStatus.Achieved), "项",
                Words.English ? $"of {targets.Count}" : $"共 {targets.Count} 项",
                string.Join(Words.English ? "; " : "；", targets.GroupBy(t => t.Status).Select(g => $"{Words.T(IndicatorSheets.StatusLabel(g.Key))} {g.Count()}")), "见“目标”表");
        }

        foreach (var tier in data.Indicators.Tiers.GroupBy(t => t.Tier.Id).Select(g => g.MaxBy(t => t.Year)!))
        {
            table.AddRow(tier.Tier.Name, $"{tier.Year}年", tier.Count, "个",
                Words.English ? $"target {tier.Tier.TargetCount} by {tier.Tier.TargetYear}" : $"目标 {tier.Tier.TargetCount} 个（{tier.Tier.TargetYear}年）",
                IndicatorSheets.IndustryNames(tier.AtOrAbove, data), string.Join(",", tier.InputVintages));
        }

        // Freshness per dataset: the latest period each main indicator reaches, and when its newest value arrived.
        foreach (var code in SummaryData.FreshnessIndicators)
        {
            var newest = data.Newest(code);
            if (newest is not null)
            {
                table.AddRow((Words.English ? "Data freshness: " : "数据新鲜度：") + Words.T(data.Codes.Indicators.NameOf(code)), newest.Period.ChineseLabel(newest.Key.Basis), null, string.Empty,
                    (Words.English ? "received " : "入库于 ") + newest.VintageTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), newest.Key.Region,
                    newest.VintageId.ToString(CultureInfo.InvariantCulture));
            }
        }

        table.AddRow("一致性检查警告数", string.Empty, data.Indicators.Warnings.Count, string.Empty,
            Words.English ? $"{data.Indicators.Checks.Count} checks made" : $"共检查 {data.Indicators.Checks.Count} 项", "见“来源”表", string.Empty);
        var warnings = data.Files.Sum(f => f.Warnings.Count);
        var quarantined = data.Deliveries.Count(d => d.Outcome == Store.DeliveryOutcome.Quarantined);
        table.AddRow("已入库文件数", string.Empty, data.Files.Count, string.Empty, string.Empty, string.Empty, string.Empty);
        table.AddRow("警告数", string.Empty, warnings, string.Empty, string.Empty, "见“来源”表", string.Empty);
        table.AddRow("隔离（无法读取）文件数", string.Empty, quarantined, string.Empty, string.Empty, "见 quarantine 文件夹中的 .error.txt", string.Empty);
        table.Finish();
        return table;
    }

    private static void AddIndicatorRow(TableSheet table, IndicatorSet indicators, string code, IndicatorValue like, string label, string unit)
    {
        var v = indicators.Beside(like, code);
        if (v is null)
        {
            return;
        }

        table.AddRow(label, v.Period.ChineseLabel(v.Basis), NumberCell.ForUnit(v.Value, unit), unit, string.Empty,
            v.NotComputable is null ? v.Region : Words.Note(v.NotComputable), Vintages(v));
    }

    private static TableSheet WriteTrend(IXLWorksheet ws, SummaryData data, List<ChartSpec> charts)
    {
        var chartRows = new List<(int Row, IndicatorValue Value, TrendPoint? Trend)>();
        var table = new TableSheet(ws, 1,
            ["地区", "对象", "期间", "口径", "贡献率(%)", "基准(%)", "偏离基准(百分点)", "较上期(百分点)", "3期移动平均(%)", "方向", "拉动(百分点)", "占GDP比重(%)", "数据版本（文件编号）", "输入数据来源", "说明"]);
        var gdp = data.Indicators.IndustryVsGdp;
        var parts = GdpPart.All.Select((p, i) => (p.Code, i)).ToDictionary(x => x.Code, x => x.i);
        foreach (var c in gdp.Where(v => v.Indicator == IndicatorCodes.ContributionRate)
                     .OrderBy(v => v.Region, StringComparer.Ordinal).ThenBy(v => parts.GetValueOrDefault(v.Part)).ThenBy(v => v.Basis).ThenBy(v => v.Period))
        {
            var trend = data.Indicators.Trend.FirstOrDefault(t => t.Source == c);
            var pull = data.Indicators.Beside(c, IndicatorCodes.Pull);
            var share = data.Indicators.Beside(c, IndicatorCodes.Share);
            chartRows.Add((table.NextRow, c, trend));
            table.AddRow(
                c.Region,
                GdpPart.All.FirstOrDefault(p => p.Code == c.Part)?.Name ?? c.Part,
                c.Period.ChineseLabel(c.Basis),
                BasisLabel(c.Basis),
                new NumberCell(c.Value, NumberCell.Percent),
                new NumberCell(data.Indicators.Baseline, NumberCell.Percent),
                new NumberCell(trend?.DeviationPp, NumberCell.Points),
                new NumberCell(trend?.ChangePp, NumberCell.Points),
                new NumberCell(trend?.MovingAverage, NumberCell.Percent),
                trend is null ? string.Empty : DirectionLabel(trend),
                new NumberCell(pull?.Value, NumberCell.Points),
                new NumberCell(share?.Value, NumberCell.Percent),
                Vintages(c),
                // Compact provenance: the vintage (file no., listed in 来源) and the cell; the full trail is in 数据.
                string.Join("; ", c.Inputs.Select(i => $"{i.Key.Indicator}/{i.Key.Industry} {Codes.Of(i.Key.Measure)} {i.Period.Code} = {Format(i.Value)} ← v{i.VintageId} {i.Source.Sheet}!{i.Source.Cell}")),
                Words.Note(c.NotComputable ?? share?.NotComputable));
        }

        table.Finish();
        var summary = new TableSheet(ws, table.NextRow + 2, ["地区", "口径", "最新期", "斜率(百分点/年)", "拟合期数", "走势", "连续低于基准期数", "预警"]);
        foreach (var t in data.Indicators.TrendSummaries)
        {
            summary.AddRow(t.Region, BasisLabel(t.Basis), t.Latest.ChineseLabel(t.Basis), new NumberCell(t.SlopePpPerYear, "0.00"), (long)t.SlopePeriods,
                TrendLabel(t), (long)t.PeriodsBelowBaseline, AlertLabel(t, data.Indicators.Baseline));
        }

        summary.Finish();

        // The headline series of the first region: annual when it has two years or more, else year to date.
        var series = chartRows.Where(r => r.Value.Part == GdpPart.AllIndustry.Code && r.Value.Value is not null)
            .GroupBy(r => (r.Value.Region, r.Value.Basis))
            .OrderBy(g => g.Key.Region, StringComparer.Ordinal).ThenByDescending(g => g.Key.Basis == Basis.Year && g.Count() >= 2).ThenByDescending(g => g.Count())
            .FirstOrDefault()?.ToArray();
        if (series is { Length: >= 2 } && series[^1].Row - series[0].Row == series.Length - 1)
        {
            var top = summary.NextRow + 2;
            charts.Add(new ChartSpec(ws.Name,
                Words.English
                    ? string.Create(CultureInfo.InvariantCulture, $"Industry's contribution to GDP growth ({series[0].Value.Region}) and the {data.Indicators.Baseline:0.0}% baseline")
                    : string.Create(CultureInfo.InvariantCulture, $"工业对经济增长的贡献率（{series[0].Value.Region}）与基准 {data.Indicators.Baseline:0.0}%"),
                ChartKind.Line,
                3, series[0].Row, series[^1].Row,
                series.Select(r => Words.T(r.Value.Period.ChineseLabel(r.Value.Basis))).ToArray(),
                [
                    new ChartSeries(Words.T("贡献率(%)"), 1, 5, 5, series.Select(r => r.Value.Value).ToArray()),
                    new ChartSeries(Words.T("基准(%)"), 1, 6, 6, series.Select(_ => (double?)data.Indicators.Baseline).ToArray()),
                ],
                "0.0", (1, top), (10, top + 20)));
        }

        return table;
    }

    private static TableSheet WriteData(IXLWorksheet ws, SummaryData data)
    {
        var table = new TableSheet(ws, 1,
            ["指标代码", "指标", "地区", "行业", "口径", "度量", "期间", "数值", "单位", "状态", "数据版本（文件编号）", "版本时间(UTC)", "来源文件", "SHA-256", "工作表", "单元格", "原始文本", "行标签", "换算系数", "标记"],
            streamed: true);
        foreach (var o in data.UsedObservations())
        {
            table.AddRow(
                o.Key.Indicator,
                data.Codes.Indicators.NameOf(o.Key.Indicator),
                o.Key.Region,
                IndustryLabel(o.Key.Industry, data.Codes),
                BasisLabel(o.Key.Basis),
                MeasureLabel(o.Key.Measure),
                o.Period.ChineseLabel(o.Key.Basis),
                NumberCell.ForUnit(o.Value, o.Unit),
                o.Unit,
                StatusLabel(o.Status),
                o.VintageId,
                o.VintageTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                o.Source.FileName,
                o.Source.Sha256,
                o.Source.Sheet,
                o.Source.Cell,
                o.Source.RawText,
                o.Label,
                o.UnitFactor == 1 ? null : new NumberCell(o.UnitFactor, "0.########", null),
                FlagsLabel(o.Flags));
        }

        table.Finish();
        ws.Column(14).Width = 20;
        return table;
    }

    private static TableSheet WriteSources(IXLWorksheet ws, SummaryData data)
    {
        var table = new TableSheet(ws, 1,
            ["接收时间(UTC)", "文件名", "结果", "数据版本（文件编号）", "SHA-256", "版式", "读取行数", "新增观测", "未变观测", "警告", "未映射标签", "版式识别", "存放位置", "说明"]);
        var files = data.Files.ToDictionary(f => f.Id);
        foreach (var d in data.Deliveries)
        {
            var f = d.FileId is { } id ? files.GetValueOrDefault(id) : null;
            table.AddRow(
                d.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                d.FileName,
                d.Outcome switch { Store.DeliveryOutcome.Ingested => "已入库", Store.DeliveryOutcome.Duplicate => "重复（已归档）", _ => "已隔离" },
                d.FileId,
                d.Sha256,
                f?.Layout ?? string.Empty,
                f?.RowsRead,
                d.Outcome == Store.DeliveryOutcome.Ingested ? f?.ObservationsAdded : null,
                d.Outcome == Store.DeliveryOutcome.Ingested ? f?.ObservationsUnchanged : null,
                d.Outcome == Store.DeliveryOutcome.Ingested && f is not null ? string.Join(" | ", f.Warnings.Select(Words.Stored)) : string.Empty,
                d.Outcome == Store.DeliveryOutcome.Ingested && f is not null ? string.Join(Words.English ? ", " : "、", f.Unmapped) : string.Empty,
                d.Outcome == Store.DeliveryOutcome.Ingested && f is not null ? string.Join(" | ", f.LayoutDetail.Split('\n').Select(Words.Stored)) : string.Empty,
                d.StoredPath,
                Words.Stored(d.Detail));
        }

        table.Finish();
        IndicatorSheets.WriteChecksAndRevisions(ws, table.NextRow + 2, data);
        return table;
    }

    private static string Vintages(IndicatorValue v) => string.Join(",", v.InputVintages);

    private static string Format(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The direction of a trend's slope: 上升, 下降, 平稳, or why there is none.</summary>
    private static string TrendLabel(TrendSummary t) => t.Direction switch
    {
        TrendDirection.Up => "上升",
        TrendDirection.Down => "下降",
        TrendDirection.Flat => "平稳",
        _ => "数据不足（需要两期）",
    };

    private static string AlertLabel(TrendSummary t, double baseline) => !t.Alert
        ? Words.T("无预警")
        : Words.English
            ? string.Create(CultureInfo.InvariantCulture, $"below the {baseline:0.0}% baseline for {t.PeriodsBelowBaseline} periods running")
            : string.Create(CultureInfo.InvariantCulture, $"贡献率已连续{t.PeriodsBelowBaseline}期低于基准{baseline:0.0}%");

    private static string DirectionLabel(TrendPoint t) =>
        Words.T(t.Direction switch { TrendDirection.Up => "↑ 上升", TrendDirection.Down => "↓ 下降", TrendDirection.Flat => "→ 持平", _ => "首期" })
        + Words.T(t.BelowBaseline ? "，低于基准" : "，高于基准");

    /// <summary>"合计", "39 计算机、通信和其他电子设备制造业", or an unmapped label as written.</summary>
    private static string IndustryLabel(string code, Normalize.Lexicon.CodeLists codes) =>
        code == SeriesKey.AllIndustries ? "合计"
        : codes.Industries.ByCode(code) is { } e ? $"{e.Code} {Words.T(e.Name)}"
        : code;

    /// <summary>"其中（子项）", "未映射" — what a reader must know before adding or looking up a row.</summary>
    public static string FlagsLabel(ObservationFlags f) => string.Join(Words.English ? "; " : "；",
        new[]
        {
            f.HasFlag(ObservationFlags.Subset) ? "其中（子项，不计入合计）" : null, f.HasFlag(ObservationFlags.Unmapped) ? "未映射（按原标签存储）" : null,
            f.HasFlag(ObservationFlags.Derived) ? "由指数推算（指数−100）" : null,
            f.HasFlag(ObservationFlags.Withdrawn) ? "已撤回（文件重新读取后不再给出此值）" : null,
        }
            .OfType<string>().Select(Words.T));

    public static string BasisLabel(Basis b) => b switch
    {
        Basis.Month => "当月",
        Basis.YearToDate => "累计",
        Basis.Quarter => "当季",
        _ => "全年",
    };

    public static string MeasureLabel(Measure m) => m switch
    {
        Measure.Level => "绝对量",
        Measure.YoY => "同比增长(%)",
        Measure.MoM => "环比增长(%)",
        Measure.IndexPreviousYear => "指数(上年同期=100)",
        Measure.IndexPreviousMonth => "指数(上月=100)",
        _ => "指数(固定基期)",
    };

    public static string StatusLabel(ObservationStatus s) => s switch
    {
        ObservationStatus.Normal => "正常",
        ObservationStatus.Provisional => "初步",
        ObservationStatus.Estimated => "估计",
        _ => "缺失",
    };
}
