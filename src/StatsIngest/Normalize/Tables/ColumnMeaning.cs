using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>Which part of a period a column header names without giving the months: 本月/当月, 累计, 本季/当季.</summary>
public enum BasisHint
{
    None,
    Month,
    YearToDate,
    Quarter,
}

/// <summary>
/// What a data column's header says: a period ("12月", "1—12月", "2024年12月", "2021年", "前三季度"), a basis word,
/// a measure (绝对量 / 同比增长 / 环比), a unit in brackets — or why the column is not stored (a change in
/// percentage points, a two-year average, a share or a rank, all of which StatsIngest derives itself or cannot use).
/// </summary>
public sealed record ColumnMeaning(HeaderColumn Header, ParsedPeriod? Period, BasisHint Basis, Measure? Measure, string? Unit, string? Skip)
{
    private static readonly string[] GrowthWords = ["增长", "增速", "增幅", "同比", "比上年", "比去年", "比上年同期", "yoy"];
    private static readonly string[] MonthOnMonthWords = ["环比", "比上月", "mom"];
    private static readonly string[] LevelWords = ["绝对量", "绝对额", "绝对值", "总量", "增加值", "收入", "产值", "产量", "规模", "数值", "金额", "完成", "实际"];

    public static ColumnMeaning Of(HeaderColumn header)
    {
        var text = Label.Key(string.Concat(header.Path));
        string? unit = null;
        foreach (var part in header.Path)
        {
            unit = PublishedTable.SplitUnit(part).Unit ?? unit;
        }

        var skip = text switch
        {
            _ when text.Contains("百分点", StringComparison.Ordinal) || text.Contains("加快", StringComparison.Ordinal)
                || text.Contains("回落", StringComparison.Ordinal) => "a change in percentage points",
            _ when text.Contains("两年平均", StringComparison.Ordinal) => "a two-year average growth rate",
            _ when text.Contains("占比", StringComparison.Ordinal) || text.Contains("比重", StringComparison.Ordinal)
                || text.Contains("占全", StringComparison.Ordinal) => "a share (StatsIngest computes shares from the levels)",
            _ when text.Contains("位次", StringComparison.Ordinal) || text.Contains("排名", StringComparison.Ordinal)
                || text.Contains("名次", StringComparison.Ordinal) || text.Contains("排位", StringComparison.Ordinal) => "a rank",
            _ when !GrowthWords.Any(w => text.Contains(w, StringComparison.Ordinal))
                && (text.Contains("上年同期", StringComparison.Ordinal) || text.Contains("去年同期", StringComparison.Ordinal)) => "last year's figure as restated in this table",
            _ => null,
        };

        Measure? measure = null;
        if (MonthOnMonthWords.Any(w => text.Contains(w, StringComparison.Ordinal)))
        {
            measure = Domain.Measure.MoM;
        }
        else if (GrowthWords.Any(w => text.Contains(w, StringComparison.Ordinal)))
        {
            measure = Domain.Measure.YoY;
        }
        else if (LevelWords.Any(w => text.Contains(w, StringComparison.Ordinal)) || (unit is not null && unit != "%"))
        {
            measure = Domain.Measure.Level;
        }
        else if (unit == "%")
        {
            measure = Domain.Measure.YoY;
        }

        ParsedPeriod? period = null;
        foreach (var part in header.Path)
        {
            if (PeriodParser.TryFind(PublishedTable.SplitUnit(part).Text, out var p, out _))
            {
                period = p;
            }
        }

        var basis = text switch
        {
            _ when text.Contains("本月", StringComparison.Ordinal) || text.Contains("当月", StringComparison.Ordinal)
                || text.Contains("当期", StringComparison.Ordinal) => BasisHint.Month,
            _ when text.Contains("本季", StringComparison.Ordinal) || text.Contains("当季", StringComparison.Ordinal) => BasisHint.Quarter,
            _ when text.Contains("累计", StringComparison.Ordinal) || text.Contains("本年", StringComparison.Ordinal)
                || text.Contains("年初", StringComparison.Ordinal) => BasisHint.YearToDate,
            _ => BasisHint.None,
        };

        return new ColumnMeaning(header, period, basis, measure, unit is "%" or null ? unit : unit, skip);
    }

    /// <summary>
    /// The period and basis of the column's cells: the column's own period (its year from the title when it gives
    /// none), else the title's period narrowed by the basis word (本月 of "2023年1—6月" is June; 累计 is January–June).
    /// </summary>
    public (ReportingPeriod Period, Basis Basis)? Resolve(ParsedPeriod? title)
    {
        if (Period is { } own)
        {
            var year = own.Year ?? title?.Year;
            if (year is null)
            {
                return null;
            }

            return Basis == BasisHint.YearToDate && own.IsSingleMonth && own.StartMonth > 1
                ? (ReportingPeriod.ForMonth(year.Value, own.EndMonth), Domain.Basis.YearToDate)
                : own.Resolve(year);
        }

        if (title is not { Year: not null } t)
        {
            return null;
        }

        return Basis switch
        {
            BasisHint.Month => (ReportingPeriod.ForMonth(t.Year.Value, t.EndMonth), Domain.Basis.Month),
            BasisHint.Quarter when t.EndMonth % 3 == 0 => (ReportingPeriod.ForQuarter(t.Year.Value, t.EndMonth / 3), Domain.Basis.Quarter),
            BasisHint.YearToDate when t.QuarterWording && t.EndMonth % 3 == 0 => (ReportingPeriod.ForQuarter(t.Year.Value, t.EndMonth / 3), Domain.Basis.YearToDate),
            BasisHint.YearToDate => (ReportingPeriod.ForMonth(t.Year.Value, t.EndMonth), Domain.Basis.YearToDate),
            _ => t.Resolve(),
        };
    }
}
