namespace StatsIngest.Domain;

/// <summary>What a value measures: a level (绝对量, nominal), year-on-year growth in % (同比, real), or month-on-month growth in % (环比).</summary>
public enum Measure
{
    Level,
    YoY,
    MoM,
}
