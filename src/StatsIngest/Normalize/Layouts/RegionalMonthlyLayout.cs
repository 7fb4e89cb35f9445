using StatsIngest.Indicators;
using StatsIngest.Normalize.Tables;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// Provincial and city monthly tables (统计月报): the period in a title row ("2022年1-6月", "上半年"), a unit row
/// ("单位：万元"), a 项目/指标/行业/地区 header, padded labels (合  计, 全 省), grouping rows (按行业分组), 其中/# subset
/// rows, regions (市州/区县) or industries as rows, columns for the month and the year to date, footnote rows.
/// </summary>
public sealed class RegionalMonthlyLayout(CodeLists codes) : PublishedLayout(codes)
{
    public override string Name => "regional-monthly";

    public override string Description =>
        "provincial/city monthly table (a period in the title, a 项目/指标/行业/地区 header, columns 本月/累计 or 1—M月 with levels or growth)";

    protected override LayoutMatch Score(PublishedTable table)
    {
        var meanings = Meanings(table).ToArray();
        return LayoutMatch.Of(1,
            ("a period in the title (2022年1-6月, 1—6月份, 上半年 …)", table.TitlePeriod is not null),
            ("a label header (项目, 指标, 行业, 地区 …)", PublishedTable.IsLabelHeaderWord(table.LabelHeader.Split(' ')[0])),
            ("columns for the month or the year to date (本月, 累计, 1—M月)", meanings.Any(m => m.Basis is BasisHint.Month or BasisHint.YearToDate || m.Period is { MonthWording: true })),
            ("levels or growth rates in the columns (绝对额, 同比增长 …) or a unit row", meanings.Any(m => m.Measure is not null) || table.DeclaredUnit is not null));
    }

    protected override TableSettings Settings(PublishedTable table, NormalizeContext context)
    {
        var regions = table.LabelHeader.Contains("地区", StringComparison.Ordinal) || table.LabelHeader.Contains("市", StringComparison.Ordinal)
            || table.LabelHeader.Contains("县", StringComparison.Ordinal);
        return new(Name, TableIndicator(table, context, IndicatorCodes.AboveScaleValueAdded), TableReader.TableStatus(table, context),
            regions ? RowLabelKind.Regions : RowLabelKind.Mixed);
    }
}
