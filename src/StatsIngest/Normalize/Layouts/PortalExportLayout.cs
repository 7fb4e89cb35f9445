using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Normalize.Tables;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// Exports of the statistics data portal: a few preamble lines ("数据库：月度数据", "时间：最近13个月"), a header of
/// periods, newest first ("指标 | 2024年12月 | 2024年11月 | …"), one row per indicator and measure
/// ("工业增加值_同比增长(%)", "工业增加值_累计增长(%)"), trailing notes ("注：…", "数据来源：国家统计局").
/// Monthly value added is only surveyed above designated size, so a monthly "工业增加值" row is 规模以上工业增加值.
/// </summary>
public sealed class PortalExportLayout(CodeLists codes) : PublishedLayout(codes)
{
    public override string Name => "portal-export";

    public override string Description =>
        "data-portal export (periods as columns, newest first: 2024年12月 | 2024年11月 …; rows like 工业增加值_累计增长(%))";

    protected override LayoutMatch Score(PublishedTable table)
    {
        var periods = Meanings(table).Where(m => m.Period is { Year: not null }).ToArray();
        return LayoutMatch.Of(2,
            ("three or more period columns with years (2024年12月 | 2024年11月 …)", periods.Length >= 3),
            ("rows naming an indicator and a measure (工业增加值_累计增长(%))", table.BodyLabels.Any(l => Split(l) is not null)));
    }

    protected override TableSettings Settings(PublishedTable table, NormalizeContext context)
    {
        var monthly = Meanings(table).Any(m => m.Period is { Year: not null, MonthWording: true });
        return new(Name, TableIndicator(table, context, IndicatorCodes.AboveScaleValueAdded), TableReader.TableStatus(table, context), RowLabelKind.Mixed)
        {
            MapLabel = (label, region) => Map(label, region, monthly),
        };
    }

    private RowTarget? Map(string label, string region, bool monthly)
    {
        if (Split(label) is not { } parts)
        {
            return null;
        }

        var (indicator, measureText) = parts;
        var code = indicator.Code == IndicatorCodes.IndustryValueAdded && monthly ? IndicatorCodes.AboveScaleValueAdded : indicator.Code;
        var (words, unit) = PublishedTable.SplitUnit(measureText);
        var measure = words.Contains("环比", StringComparison.Ordinal) ? Measure.MoM
            : words.Contains("增长", StringComparison.Ordinal) || words.Contains("同比", StringComparison.Ordinal) || words.Contains("增速", StringComparison.Ordinal) ? Measure.YoY
            : Measure.Level;
        var basis = words.Contains("累计", StringComparison.Ordinal) ? BasisHint.YearToDate
            : words.Contains("当期", StringComparison.Ordinal) || words.Contains("当月", StringComparison.Ordinal) || monthly ? BasisHint.Month
            : BasisHint.None;
        return new RowTarget(code, region, SeriesKey.AllIndustries, measure == Measure.Level ? unit : null, ObservationFlags.None,
            $"indicator {code}{(code != indicator.Code ? $" (monthly {indicator.Name} is surveyed above designated size)" : string.Empty)}, {Domain.Codes.Of(measure)} {basis}")
        {
            Measure = measure,
            Basis = basis,
        };
    }

    /// <summary>"工业增加值_累计增长(%)" → (the indicator, "累计增长(%)"); null when the label does not start with a known indicator.</summary>
    private (CodeEntry Indicator, string Measure)? Split(string label)
    {
        var folded = Label.Fold(label);
        var cut = folded.IndexOfAny(['_', ':']);
        if (cut > 0)
        {
            return Codes.Indicators.Match(folded[..cut]) is { } e ? (e, folded[(cut + 1)..]) : null;
        }

        var best = Codes.Indicators.Entries
            .SelectMany(e => e.Aliases.Append(e.Name).Select(a => (Entry: e, Alias: Label.Fold(a))))
            .Where(x => x.Alias.Length >= 2 && folded.StartsWith(x.Alias, StringComparison.Ordinal) && folded.Length > x.Alias.Length)
            .OrderByDescending(x => x.Alias.Length)
            .FirstOrDefault();
        return best.Entry is null ? null : (best.Entry, folded[best.Alias.Length..]);
    }
}
