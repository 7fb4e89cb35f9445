namespace StatsIngest.Domain;

/// <summary>What span a value covers: the single month (当月), the year to date (累计, 1—N月), the single quarter, or the year.</summary>
public enum Basis
{
    Month,
    YearToDate,
    Quarter,
    Year,
}
