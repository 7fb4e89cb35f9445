using StatsIngest.Indicators;
using StatsIngest.Normalize.Tables;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// The NBS monthly release table "YYYY年M月份规模以上工业生产主要数据": title and scope rows, a two-row merged header
/// (指标 | M月: 绝对量, 同比增长（%） | 1—M月: 绝对量, 同比增长（%）) — in February one 1—2月 block —, section rows
/// (分三大门类, 分经济类型, 分行业, 主要产品产量), industry rows, product rows with units (钢材（万吨）), 出口交货值, 附注.
/// </summary>
public sealed class NbsMonthlyLayout(CodeLists codes) : PublishedLayout(codes)
{
    public override string Name => "nbs-monthly";

    public override string Description =>
        "NBS monthly table 'YYYY年M月份规模以上工业生产主要数据' (header blocks M月 and 1—M月 with 绝对量 and 同比增长)";

    protected override LayoutMatch Score(PublishedTable table)
    {
        var meanings = Meanings(table).ToArray();
        return LayoutMatch.Of(3,
            ("a title naming 规模以上工业生产主要数据", TitleHas(table, "工业生产主要数据")),
            ("header blocks of months (M月 / 1—M月)", meanings.Any(m => m.Period is { MonthWording: true })),
            ("a 规模以上工业增加值 row", table.BodyLabels.Any(l => Codes.Indicators.Match(l)?.Code == IndicatorCodes.AboveScaleValueAdded)));
    }

    protected override TableSettings Settings(PublishedTable table, NormalizeContext context) =>
        new(Name, IndicatorCodes.AboveScaleValueAdded, TableReader.TableStatus(table, context), RowLabelKind.Mixed);
}
