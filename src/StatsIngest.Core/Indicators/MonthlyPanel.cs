using System.Globalization;
using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>One month of the 规模以上工业增加值 panel: 当月 and 累计 YoY as published and their change from the previous month.</summary>
public sealed record PanelRow(
    string Region,
    ReportingPeriod Period,
    string Label,
    double? MonthYoY,
    double? YearToDateYoY,
    double? MonthAccelerationPp,
    double? YearToDateAccelerationPp,
    IReadOnlyList<Observation> Inputs)
{
    /// <summary>True for 1—2月 when only the cumulative figure is published: 当月 and 累计 are the same number.</summary>
    public bool MonthFromYearToDate { get; init; }
}

/// <summary>
/// The monthly growth panel of 规模以上工业增加值: for each month 当月 and 累计 year-on-year growth as published (never
/// recomputed), and the acceleration in pp against the previous published month. January is never a row: 1—2月 is one
/// period, its 当月 is the 1—2月 figure, and it is compared with December of the previous year, as NBS does.
/// </summary>
public static class MonthlyPanel
{
    public static IReadOnlyList<PanelRow> Build(string region, IEnumerable<Observation> observations, string industry = SeriesKey.AllIndustries)
    {
        var relevant = observations
            .Where(o => o.Key.Indicator == IndicatorCodes.AboveScaleValueAdded && o.Key.Region == region && o.Key.Industry == industry
                        && o.Key.Measure == Measure.YoY && o.Period.Kind == PeriodKind.Month && o.Period.Number >= 2
                        && o.Key.Basis is Basis.Month or Basis.YearToDate)
            .ToArray();
        var month = relevant.Where(o => o.Key.Basis == Basis.Month).ToDictionary(o => o.Period);
        var ytd = relevant.Where(o => o.Key.Basis == Basis.YearToDate).ToDictionary(o => o.Period);

        var rows = new List<PanelRow>();
        PanelRow? previous = null;
        foreach (var period in month.Keys.Concat(ytd.Keys).Distinct().Order())
        {
            var m = month.GetValueOrDefault(period);
            var y = ytd.GetValueOrDefault(period);
            var monthValue = m?.Value;
            var fromYtd = false;
            if (monthValue is null && period.Number == 2 && y?.Value is not null)
            {
                monthValue = y.Value;
                fromYtd = true;
            }

            var consecutive = previous is not null && IsNextPublished(previous.Period, period);
            var row = new PanelRow(
                region,
                period,
                period.Number == 2
                    ? string.Create(CultureInfo.InvariantCulture, $"{period.Year}年1—2月")
                    : string.Create(CultureInfo.InvariantCulture, $"{period.Year}年{period.Number}月"),
                monthValue,
                y?.Value,
                consecutive ? Difference(monthValue, previous!.MonthYoY) : null,
                consecutive ? Difference(y?.Value, previous!.YearToDateYoY) : null,
                new[] { m, y }.Where(o => o is not null).Select(o => o!).ToArray())
            {
                MonthFromYearToDate = fromYtd,
            };
            rows.Add(row);
            previous = row;
        }

        return rows;
    }

    /// <summary>The month published after <paramref name="earlier"/>: the next month, or 1—2月 after December.</summary>
    private static bool IsNextPublished(ReportingPeriod earlier, ReportingPeriod later) =>
        (later.Year == earlier.Year && later.Number == earlier.Number + 1)
        || (later.Year == earlier.Year + 1 && earlier.Number == 12 && later.Number == 2);

    private static double? Difference(double? now, double? before) =>
        now is null || before is null ? null : Math.Round(now.Value - before.Value, 10);
}
