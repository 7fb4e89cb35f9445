using StatsIngest.Messages;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize;

/// <summary>What a value cell read as missing but worth saying says (one home for the words, whichever reader found it).</summary>
public static class ValueWarning
{
    /// <summary>The warning for a value, or null when there is nothing to say.</summary>
    public static Msg? For(ParsedValue value) => value.ExcelErrorValue is { } error
        ? Msg.Of("This cell holds the Excel error value {error} (its formula failed where the table was made); it is stored as missing.", ("error", error))
        : null;
}
