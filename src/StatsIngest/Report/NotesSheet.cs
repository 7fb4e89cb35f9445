using System.Globalization;
using ClosedXML.Excel;

namespace StatsIngest.Report;

/// <summary>说明 / Notes: the definitions and formulas in plain words, the data caveats and the units.</summary>
internal static class NotesSheet
{
    public const string Name = "说明";

    private static readonly (string Zh, string En, string ZhText, string EnText)[] Entries =
    [
        ("贡献率", "Contribution rate",
            "工业对经济增长的贡献率 = 上年同期工业增加值 × 工业增加值增速 ÷（上年同期地区生产总值 × GDP增速）× 100%。增速为可比价实际增速，基数为上年现价总量，与统计部门口径一致。三次产业的贡献率之和为100%。",
            "Industry's contribution to GDP growth = last year's industry level × industry growth ÷ (last year's GDP × GDP growth) × 100%. Growth rates are real (comparable prices), levels nominal, as the statistics bureau computes it. The three sectors' contributions sum to 100%."),
        ("拉动", "Pull",
            "工业拉动经济增长（百分点）= 贡献率 × GDP增速 ÷ 100 = 上年同期工业增加值 × 工业增速 ÷ 上年同期GDP。各部分拉动之和等于GDP增速。",
            "Pull (percentage points) = contribution × GDP growth ÷ 100 = last year's industry level × industry growth ÷ last year's GDP. The parts' pulls sum to GDP growth."),
        ("占比", "Share",
            "工业增加值占GDP比重 = 同期工业增加值 ÷ 同期GDP × 100%（现价）。",
            "Share of GDP = industry value added ÷ GDP in the same period × 100% (current prices)."),
        ("基准与走势", "Baseline and trend",
            string.Empty, string.Empty),
        ("行业贡献", "Drivers",
            "行业 j 对规上工业增长的贡献率 = 权重 × 行业增速 ÷ 规上工业增速 × 100%，拉动 = 权重 × 行业增速；权重为该行业上年同期增加值占规上工业的比重。缺少上年同期总量时不计算，并注明缺少的数据。",
            "An industry's contribution to above-scale industrial growth = weight × its growth ÷ total growth × 100%, pull = weight × growth; the weight is its share of the total a year earlier. Without last year's levels nothing is computed and the missing data is named."),
        ("目标进度", "Targets",
            "进度 = 最新值 ÷ 目标值；所需年均增速 =（目标值 ÷ 最新值）^(1 ÷ 剩余年数) − 1；近年年均增速按最近几年计算，并据此推算目标年数值。状态：已完成、进度正常（推算值达到目标）、有风险（达到目标的90%以上）、滞后。",
            "Progress = latest ÷ target; required CAGR = (target ÷ latest)^(1 ÷ years left) − 1; the trailing CAGR of the last years projects the target year. Status: achieved, on track (projection reaches the target), at risk (90% or more), off track."),
        ("1—2月", "January–February",
            "1月不单独发布：1—2月合并调查、合并发布，当月与累计为同一数值，不虚构1月数据；3月与1—2月比较，1—2月与上年12月比较。",
            "January is never published alone: January and February are released together as one period, their monthly and cumulative figures are the same number, and no January is invented. March is compared with January–February, January–February with last December."),
        ("实际与名义", "Real and nominal",
            "增速为剔除价格因素的可比价实际增速，总量为现价名义值；不能用上年总量和增速推算今年总量，也不能用现价增量计算贡献率。",
            "Growth rates are real (price-adjusted), levels nominal: this year's level can not be derived from last year's level and the growth rate, and nominal increments are never used for contributions."),
        ("四舍五入", "Rounding",
            "统计部门不强制分项之和等于总计。各分项之和与总计的差异在舍入容差内视为一致，超出时在“来源”表列为警告，数值不作任何修正。与公布数对比时，贡献率允许约±2个百分点、拉动约±0.15个百分点的差异。",
            "Parts may not add up to totals: within the rounding tolerance they are consistent; beyond it they are listed as warnings in Sources, and nothing is corrected. Against published figures, about ±2 pp on contributions and ±0.15 pp on pulls are rounding."),
        ("数据版本", "Vintages",
            "每个数值都来自某个已入库文件（数据版本，即文件编号），可在“数据”表查到文件、工作表、单元格和原文；初步核算数被最终核实数修订后，指标自动重算，修订前后的数值记录在“来源”表。",
            "Every number comes from an ingested file (its vintage, the file number) and can be traced in Data to the file, sheet, cell and text; when final figures revise preliminary ones, indicators are recomputed and the change is listed in Sources."),
        ("范围", "Scope",
            "（按设置写出）",
            "(written from the settings)"),
        ("单位", "Units",
            "总量单位为亿元（万元等按系数换算，系数见“数据”表）；增速、贡献率、占比为%；拉动、加快（回落）为百分点；产品产量保留公布单位（万吨、万辆、亿千瓦时等）。",
            "Levels in 100 million yuan (other money units converted, the factor is in Data); growth, contribution and share in %; pull and acceleration in percentage points; products keep their published units."),
    ];

    public static TableSheet Write(IXLWorksheet ws, SummaryData data)
    {
        var en = data.Language == "en";
        var table = new TableSheet(ws, 1, en ? ["Topic", "Explanation"] : ["主题", "说明"]);
        foreach (var (zh, enTitle, zhText, enText) in Entries)
        {
            var text = zh switch
            {
                "基准与走势" => en
                    ? string.Create(CultureInfo.InvariantCulture, $"The contribution rate is read against the baseline of {data.Indicators.Baseline:0.0}% (the seed region's 2021 value, setting Indicators:BaselineContributionRate): deviation in pp, 3-period moving average, least-squares slope over the last periods (pp per year), and an alert when it stays below the baseline several periods running.")
                    : string.Create(CultureInfo.InvariantCulture, $"贡献率与基准 {data.Indicators.Baseline:0.0}%（种子地区2021年数值，可在 Indicators:BaselineContributionRate 设置）比较：偏离（百分点）、3期移动平均、近几期最小二乘斜率（百分点/年），连续多期低于基准时预警。"),
                "范围" => en
                    ? string.Create(CultureInfo.InvariantCulture, $"Industrial growth shows the months of the latest {data.PanelYears} years (setting Report:PanelYears), Industries the latest {data.DriverPeriods} periods (Report:DriverPeriods), Data the observations those and the other tables use. The store keeps the whole history and every indicator is computed over it; `statsingest export` writes it all.")
                    : string.Create(CultureInfo.InvariantCulture, $"“工业增速”表列出最近 {data.PanelYears} 个年度的各月（可在 Report:PanelYears 设置），“行业”表列出最近 {data.DriverPeriods} 期（Report:DriverPeriods），“数据”表列出这些表和其他表用到的观测值。库中保存全部历史，各项指标按全部历史计算；可用 statsingest export 导出全部数据。"),
                _ => en ? enText : zhText,
            };
            table.AddRow(en ? enTitle : zh, text);
        }

        table.Finish();
        ws.Column(2).Width = 100;
        ws.Column(2).Style.Alignment.WrapText = true;
        ws.Range(1, 1, table.NextRow, 2).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        return table;
    }
}
