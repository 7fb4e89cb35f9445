using StatsIngest.Domain;

namespace StatsIngest.Parsing;

/// <summary>
/// A period as written in a table: a year (absent when the text gives none, e.g. "1—6月份") and a span of months.
/// <see cref="QuarterWording"/> is true for "一季度", "上半年", "前三季度", "第三季度" and the like;
/// <see cref="MonthWording"/> for spans written in months ("1—12月" is the year to December, not the year).
/// </summary>
public readonly record struct ParsedPeriod(int? Year, int StartMonth, int EndMonth, bool QuarterWording, bool MonthWording = false)
{
    public bool IsWholeYear => StartMonth == 1 && EndMonth == 12;

    public bool IsSingleMonth => StartMonth == EndMonth;

    /// <summary>
    /// The period and basis this span means. A span from January is year to date (1—2月 stays one period: there is no
    /// January); a whole year is the year; a single quarter is a quarter; a single month is that month.
    /// </summary>
    public (ReportingPeriod Period, Basis Basis) Resolve(int? defaultYear = null)
    {
        var year = Year ?? defaultYear ?? throw new FormatException("The period gives no year.");
        var basis = SpanBasis;
        return basis == Basis.Year ? (ReportingPeriod.ForYear(year), basis)
            : QuarterWording && EndMonth % 3 == 0 ? (ReportingPeriod.ForQuarter(year, EndMonth / 3), basis)
            : (ReportingPeriod.ForMonth(year, EndMonth), basis);
    }

    /// <summary>The basis the span means, whatever its year (<see cref="Resolve"/>): 一季度 and 1—3月 the year to date, 第二季度 a quarter, 3月 a month.</summary>
    public Basis SpanBasis =>
        IsWholeYear && !QuarterWording && !MonthWording ? Basis.Year
        : QuarterWording && EndMonth % 3 == 0 ? (StartMonth == EndMonth - 2 && StartMonth != 1 ? Basis.Quarter : Basis.YearToDate)
        : IsSingleMonth ? Basis.Month
        : Basis.YearToDate;

    /// <summary>The span in the words of the tables: "2022年1—6月", "2022年前三季度", "2021年", "12月".</summary>
    public string Describe()
    {
        var year = Year is null ? string.Empty : Year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "年";
        if (IsWholeYear && !MonthWording)
        {
            return year.Length == 0 ? "全年" : year;
        }

        if (QuarterWording && EndMonth % 3 == 0)
        {
            var n = "一二三四"[(EndMonth / 3) - 1];
            return year + (StartMonth == 1 && EndMonth > 3 ? $"前{n}季度" : $"{(StartMonth == 1 ? string.Empty : "第")}{n}季度");
        }

        return year + (IsSingleMonth ? $"{EndMonth}月" : $"{StartMonth}—{EndMonth}月");
    }
}
