using System.Text.RegularExpressions;

namespace StatsIngest.Report;

/// <summary>
/// The words of the workbook in the language of <c>Report:Language</c>: Chinese as written in the code, English
/// through this table (sheet names, headers, labels, statuses) and period labels ("2023年1—6月" → "2023 Jan–Jun").
/// Text without an entry (industry and region names, notes from the data) stays as it is.
/// </summary>
internal static partial class Words
{
    [ThreadStatic]
    private static bool EnglishOnThisThread;

    public static bool English => EnglishOnThisThread;

    /// <summary>Sets the language for the workbook being built on this thread; dispose to restore.</summary>
    public static IDisposable Use(string language)
    {
        var previous = EnglishOnThisThread;
        EnglishOnThisThread = language == "en";
        return new Restore(previous);
    }

    /// <summary>The English for a Chinese text of the workbook when the language is English; otherwise the text.</summary>
    public static string T(string zh)
    {
        if (!EnglishOnThisThread || string.IsNullOrEmpty(zh))
        {
            return zh;
        }

        if (En.TryGetValue(zh, out var en))
        {
            return en;
        }

        return PeriodLabel(zh) ?? zh;
    }

    /// <summary>"2021年" → "2021", "2023年3月" → "2023 Mar", "2023年1—6月" → "2023 Jan–Jun", "2022年前三季度" → "2022 Q1–Q3".</summary>
    private static string? PeriodLabel(string zh)
    {
        var m = Period().Match(zh);
        if (!m.Success)
        {
            return null;
        }

        var year = m.Groups["y"].Value;
        var rest = m.Groups["rest"].Value;
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        string Month(string n) => months[int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) - 1];
        if (rest.Length == 0)
        {
            return year;
        }

        var span = Span().Match(rest);
        if (span.Success)
        {
            return $"{year} {Month(span.Groups["a"].Value)}–{Month(span.Groups["b"].Value)}";
        }

        var single = SingleMonth().Match(rest);
        if (single.Success)
        {
            return $"{year} {Month(single.Groups["m"].Value)}";
        }

        return rest switch
        {
            "一季度" => $"{year} Q1",
            "上半年" => $"{year} H1",
            "前三季度" => $"{year} Q1–Q3",
            "全年" => $"{year} (year)",
            "第1季度" or "第一季度" => $"{year} Q1",
            "第2季度" or "第二季度" => $"{year} Q2",
            "第3季度" or "第三季度" => $"{year} Q3",
            "第4季度" or "第四季度" => $"{year} Q4",
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<y>\d{4})年(?<rest>.*)$")]
    private static partial Regex Period();

    [GeneratedRegex(@"^(?<a>\d{1,2})—(?<b>\d{1,2})月$")]
    private static partial Regex Span();

    [GeneratedRegex(@"^(?<m>\d{1,2})月$")]
    private static partial Regex SingleMonth();

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => EnglishOnThisThread = previous;
    }

    private static readonly Dictionary<string, string> En = new(StringComparer.Ordinal)
    {
        ["概览"] = "Overview", ["要点"] = "Key figures", ["分析"] = "Analysis",
        ["规上工业增加值增速（当月，%）"] = "Above-scale industry growth, month (%)", ["规上工业增加值增速（累计，%）"] = "Above-scale industry growth, year to date (%)",
        ["工业对经济增长的贡献率（%）"] = "Industry's contribution to GDP growth (%)", ["工业拉动经济增长（百分点）"] = "Industry's pull on GDP growth (pp)",
        ["较上期（百分点）"] = "Change (pp)", ["工业增加值占GDP比重(%)"] = "Industry's share of GDP (%)", ["贡献率趋势"] = "Contribution trend", ["工业增速"] = "Industrial growth", ["行业"] = "Industries",
        ["目标"] = "Targets", ["数据"] = "Data", ["来源"] = "Sources", ["说明"] = "Notes",
        ["项目"] = "Item", ["期间"] = "Period", ["数值"] = "Value", ["单位"] = "Unit", ["基准/对比"] = "Baseline / comparison",
        ["地区/说明"] = "Region / note", ["数据版本（文件编号）"] = "Vintage (file no.)", ["地区"] = "Region", ["对象"] = "Part",
        ["口径"] = "Basis", ["贡献率(%)"] = "Contribution (%)", ["基准(%)"] = "Baseline (%)", ["偏离基准(百分点)"] = "Deviation (pp)",
        ["较上期(百分点)"] = "Change (pp)", ["3期移动平均(%)"] = "3-period moving average (%)", ["方向"] = "Direction",
        ["拉动(百分点)"] = "Pull (pp)", ["占GDP比重(%)"] = "Share of GDP (%)", ["输入数据来源"] = "Inputs", ["说明 "] = "Note",
        ["最新期"] = "Latest", ["斜率(百分点/年)"] = "Slope (pp/year)", ["拟合期数"] = "Periods fitted", ["走势"] = "Direction",
        ["连续低于基准期数"] = "Periods below baseline", ["预警"] = "Alert", ["当月同比(%)"] = "Month YoY (%)", ["累计同比(%)"] = "YTD YoY (%)",
        ["当月较上期(百分点)"] = "Month change (pp)", ["累计较上期(百分点)"] = "YTD change (pp)", ["类别"] = "Kind", ["代码"] = "Code",
        ["名称"] = "Name", ["权重(上年同期占比,%)"] = "Weight (share a year earlier, %)", ["增速(%)"] = "Growth (%)", ["排名"] = "Rank",
        ["分组"] = "Group", ["计量"] = "Measure", ["最新年份"] = "Latest year", ["最新值"] = "Latest", ["目标值"] = "Target",
        ["目标年份"] = "Target year", ["进度(%)"] = "Progress (%)", ["差距"] = "Gap", ["所需年均增速(%)"] = "Required CAGR (%)",
        ["近年年均增速(%)"] = "Trailing CAGR (%)", ["按近年增速预计目标年"] = "Projected for the target year", ["状态"] = "Status",
        ["规模层级"] = "Scale tier", ["年份"] = "Year", ["达到门槛的个数"] = "At or above", ["目标个数"] = "Target count", ["尚差"] = "Still missing",
        ["达到门槛"] = "Members at or above", ["未达到"] = "Below", ["无数据"] = "No data", ["检查"] = "Check", ["应为"] = "Expected",
        ["实为"] = "Found", ["差额"] = "Difference", ["容差"] = "Tolerance", ["计算时间(UTC)"] = "Computed (UTC)", ["指标"] = "Indicator",
        ["原值"] = "Previous", ["新值"] = "New", ["修订幅度"] = "Revised by", ["原数据版本"] = "Previous vintages", ["新数据版本"] = "New vintages", ["被修订的输入"] = "Revised inputs",
        ["指标代码"] = "Indicator code", ["行业代码"] = "Industry code", ["度量"] = "Measure", ["状态 "] = "Status", ["版本时间(UTC)"] = "Vintage time (UTC)",
        ["来源文件"] = "File", ["SHA-256"] = "SHA-256", ["工作表"] = "Sheet", ["单元格"] = "Cell", ["原始文本"] = "Text as published",
        ["行标签"] = "Row label", ["换算系数"] = "Unit factor", ["标记"] = "Flags", ["接收时间(UTC)"] = "Received (UTC)", ["文件名"] = "File name",
        ["结果"] = "Outcome", ["版式"] = "Layout", ["读取行数"] = "Rows read", ["新增观测"] = "Observations added", ["未变观测"] = "Unchanged",
        ["警告"] = "Warnings", ["未映射标签"] = "Unmapped labels", ["版式识别"] = "Layout detection", ["存放位置"] = "Stored at",
        ["说明"] = "Notes",
        ["已入库"] = "ingested", ["重复（已归档）"] = "duplicate (archived)", ["已隔离"] = "quarantined",
        ["当月"] = "month", ["累计"] = "year to date", ["当季"] = "quarter", ["全年"] = "year",
        ["绝对量"] = "level", ["同比增长(%)"] = "YoY (%)", ["环比增长(%)"] = "MoM (%)",
        ["指数(上年同期=100)"] = "index (same period a year earlier = 100)", ["指数(上月=100)"] = "index (previous month = 100)", ["指数(固定基期)"] = "index (fixed base)",
        ["由指数推算（指数−100）"] = "derived from the index (index − 100)",
        ["正常"] = "final", ["初步"] = "provisional", ["估计"] = "estimated", ["缺失"] = "missing",
        ["已完成"] = "achieved", ["进度正常"] = "on track", ["有风险"] = "at risk", ["滞后"] = "off track", ["数据不足"] = "unknown",
        ["门类"] = "section", ["大类"] = "division", ["行业组"] = "group",
        ["合计"] = "total", ["全部工业增加值"] = "All industry", ["制造业增加值"] = "Manufacturing", ["第一产业"] = "Primary industry",
        ["第二产业"] = "Secondary industry", ["第三产业"] = "Tertiary industry",
        ["工业对经济增长的贡献率"] = "Industry's contribution to GDP growth", ["工业拉动经济增长"] = "Industry's pull on GDP growth",
        ["工业增加值占GDP比重"] = "Industry's share of GDP", ["规模以上工业增加值增速（当月）"] = "Above-scale industry growth (month)",
        ["规模以上工业增加值增速（累计）"] = "Above-scale industry growth (year to date)", ["同比，可比价"] = "YoY, comparable prices",
        ["贡献率走势（近期斜率）"] = "Contribution trend (recent slope)", ["百分点/年"] = "pp/year", ["百分点"] = "pp",
        ["规划目标：进度正常或已完成"] = "Plan targets on track or achieved", ["规划目标：项数"] = "Plan targets", ["规划目标：滞后或有风险"] = "Plan targets off track or at risk", ["项"] = "targets", ["个"] = "members",
        ["见“目标”表"] = "see Targets", ["见“来源”表"] = "see Sources", ["一致性检查警告数"] = "Consistency warnings",
        ["已入库文件数"] = "Files ingested", ["警告数"] = "Warnings", ["隔离（无法读取）文件数"] = "Files quarantined (unreadable)",
        ["见 quarantine 文件夹中的 .error.txt"] = "see the .error.txt files in quarantine", ["无预警"] = "no alert", ["无"] = "none",
        ["1—2月合并发布：当月即累计"] = "Jan–Feb published together: month = year to date", ["由成员行业加总"] = "sum of its members",
        ["其中（子项，不计入合计）"] = "subset (never added to a total)", ["未映射（按原标签存储）"] = "unmapped (stored as written)",
        ["一致性检查：未通过的（警告，未作任何修正）"] = "Consistency checks that failed (warnings; nothing was corrected)",
        ["修订记录：数据修订引起的指标变化"] = "Revisions: computed values changed by revised data",
        ["↑ 上升"] = "↑ up", ["↓ 下降"] = "↓ down", ["→ 持平"] = "→ flat", ["↑ 高于基准"] = "↑ above the baseline", ["↓ 低于基准"] = "↓ below the baseline",
        ["，低于基准"] = ", below the baseline", ["，高于基准"] = ", above the baseline", ["应到日期"] = "Due", ["万亿产业"] = "Trillion-yuan sectors", ["千亿产业"] = "100-billion-yuan industries",
    };
}
