namespace StatsIngest.Domain;

/// <summary>
/// What a value measures: a level (绝对量, nominal), year-on-year growth in % (同比, real), month-on-month growth in %
/// (环比), or an index as published: against the same period of the previous year (上年=100, 上年同期=100), against
/// the previous month (上月=100), or against a fixed base year (1978=100). An index keeps its base in the unit.
/// </summary>
public enum Measure
{
    Level,
    YoY,
    MoM,
    IndexPreviousYear,
    IndexPreviousMonth,
    IndexFixedBase,
}
