using System.Globalization;

namespace StatsIngest.Messages;

/// <summary>A count with its noun in English, singular for one: "1 observation", "12 observations".</summary>
public static class Counted
{
    /// <param name="count">How many.</param>
    /// <param name="noun">The noun in the singular; its plural adds an s.</param>
    public static string Of(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
