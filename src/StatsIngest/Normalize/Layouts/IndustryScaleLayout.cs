using StatsIngest.Normalize.Tables;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// Industry-scale tables (产业规模 / 营业收入 / 产值 by industry or cluster, one or more years): the input of the
/// plan's targets. Rows are GB/T 4754 industries, groups or the plan's clusters (工程机械, 电子信息 …).
/// </summary>
public sealed class IndustryScaleLayout(CodeLists codes) : PublishedLayout(codes)
{
    private static readonly string[] ScaleIndicators = ["REVENUE", "OUTPUT"];

    public override string Name => "industry-scale";

    public override string Description =>
        "industry-scale table (营业收入/产业规模/产值 by industry or cluster, with years as columns or in the title)";

    protected override LayoutMatch Score(PublishedTable table)
    {
        var meanings = Meanings(table).ToArray();
        var named = TableReader.IndicatorInText(table.Title + string.Concat(table.Columns.SelectMany(c => c.Path)), Codes.Indicators)?.Code
                    ?? (table.Title.Contains("产业规模", StringComparison.Ordinal) ? "REVENUE" : null);
        return LayoutMatch.Of(2,
            ("营业收入, 产业规模 or 产值 in the title or header", ScaleIndicators.Contains(named)),
            ("years as columns (2021年, 2022年) or a year in the title", meanings.Any(m => m.Period is { IsWholeYear: true }) || table.TitlePeriod is { Period.IsWholeYear: true }),
            ("industry or cluster rows", table.BodyLabels.Any(l => Codes.Industries.Match(l) is not null)));
    }

    protected override TableSettings Settings(PublishedTable table, NormalizeContext context) =>
        new(Name, TableIndicator(table, context, "REVENUE"), TableReader.TableStatus(table, context), RowLabelKind.Industries);
}
