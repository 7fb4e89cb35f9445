using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Turns a period as written and a basis word into the reporting period and basis of a value: "3月" + 累计 is the
/// year to March; "1—2月" + 当月 is February's month (January and February are published together); the title's
/// "2022年1—6月" + 本月 is June; "前三季度" is the year to the third quarter.
/// </summary>
public static class PeriodResolution
{
    public static (ReportingPeriod Period, Basis Basis)? Resolve(ParsedPeriod period, Basis? basis)
    {
        if (period.Year is not { } year)
        {
            return null;
        }

        return basis switch
        {
            Basis.Month => (ReportingPeriod.ForMonth(year, period.EndMonth), Basis.Month),
            Basis.Quarter when period.EndMonth % 3 == 0 => (ReportingPeriod.ForQuarter(year, period.EndMonth / 3), Basis.Quarter),
            Basis.YearToDate when period.IsWholeYear && !period.MonthWording && !period.QuarterWording => (ReportingPeriod.ForYear(year), Basis.Year),
            Basis.YearToDate when period.QuarterWording && period.EndMonth % 3 == 0 => (ReportingPeriod.ForQuarter(year, period.EndMonth / 3), Basis.YearToDate),
            Basis.YearToDate => (ReportingPeriod.ForMonth(year, period.EndMonth), Basis.YearToDate),
            Basis.Year when period.IsWholeYear => (ReportingPeriod.ForYear(year), Basis.Year),
            _ => period.Resolve(),
        };
    }

    /// <summary>
    /// The year a period without one takes from the dated period before it in its header row or stub column: the
    /// earlier's, when this one ends no earlier in the year ("2023年1-2月 | 3月"); none after the year turned
    /// ("2022年12月 | 1月") or beside a whole year ("2022年 | 3月").
    /// </summary>
    /// <param name="earlier">The dated period before it in its row or column (null: none, or the year turned).</param>
    /// <param name="carried">The year it takes, or null.</param>
    /// <returns>What the next period carries from: this one dated (by itself or by the year carried), else null.</returns>
    public static ParsedPeriod? Carry(ParsedPeriod? earlier, ParsedPeriod period, out int? carried)
    {
        carried = period.Year is null && earlier is { Year: { } year } before && !before.IsWholeYear && period.EndMonth >= before.EndMonth ? year : null;
        return period.Year is not null ? period : carried is { } y ? period with { Year = y } : null;
    }

    /// <summary>
    /// Composes two periods of one value, the outer (title, upper header) and the inner (lower header, stub): the
    /// inner's months with the outer's year when the inner gives none; the inner's year with the outer's months when
    /// the inner is a bare year and the outer gives months without a year; otherwise the inner.
    /// </summary>
    public static ParsedPeriod Compose(ParsedPeriod outer, ParsedPeriod inner)
    {
        if (inner.Year is null)
        {
            return inner with { Year = outer.Year };
        }

        return outer.Year is null && inner.IsWholeYear && !inner.MonthWording && !inner.QuarterWording && !outer.IsWholeYear
            ? outer with { Year = inner.Year }
            : inner;
    }
}
