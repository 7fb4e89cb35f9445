namespace StatsIngest.Parsing;

public enum ValueKind
{
    /// <summary>A number (a level or a growth rate in %).</summary>
    Number,

    /// <summary>A change in percentage points ("1.2个百分点").</summary>
    PercentagePoints,

    /// <summary>The source marks the value as not available ("…", "—", "x", blank …): status missing, never zero.</summary>
    Missing,

    /// <summary>Text that is not a number nor a missing marker.</summary>
    Invalid,
}
