using StatsIngest.Indicators;
using StatsIngest.Normalize.Tables;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// GDP accounting tables, annual and quarterly (cumulative): rows 国内/地区生产总值, 第一/二/三产业, 工业, #制造业,
/// 建筑业 …, columns 绝对额 and 比上年增长 (per period when the table has several). A title saying 初步核算 makes the
/// values provisional, 最终核实 final: each file is a vintage with the right status.
/// </summary>
public sealed class GdpAccountsLayout(CodeLists codes) : PublishedLayout(codes)
{
    private static readonly string[] SectorCodes = ["SEC1", "SEC2", "SEC3", "A", "E"];

    public override string Name => "gdp-accounts";

    public override string Description =>
        "GDP accounting table (rows 生产总值, 第一/二/三产业, 工业, #制造业, 建筑业; columns 绝对额 and 比上年增长)";

    protected override LayoutMatch Score(PublishedTable table)
    {
        var labels = table.BodyLabels.ToArray();
        var meanings = Meanings(table).ToArray();
        return LayoutMatch.Of(3,
            ("生产总值 in the title or a row", TitleHas(table, "生产总值") || labels.Any(l => Codes.Indicators.Match(l)?.Code == IndicatorCodes.Gdp)),
            ("sector rows (第一/二/三产业, 工业, 建筑业)", labels.Count(l =>
                SectorCodes.Contains(Codes.Industries.Match(l.TrimStart('#'))?.Code) || Codes.Indicators.Match(l)?.Code == IndicatorCodes.IndustryValueAdded) >= 2),
            ("level or growth columns (绝对额, 比上年增长)", meanings.Any(m => m.Measure is not null)));
    }

    protected override TableSettings Settings(PublishedTable table, NormalizeContext context) =>
        new(Name, IndicatorCodes.Gdp, TableReader.TableStatus(table, context), RowLabelKind.Mixed);
}
