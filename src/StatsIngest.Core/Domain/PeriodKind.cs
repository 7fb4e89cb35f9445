namespace StatsIngest.Domain;

/// <summary>The granularity of a <see cref="ReportingPeriod"/>.</summary>
public enum PeriodKind
{
    Year,
    Quarter,
    Month,
}
