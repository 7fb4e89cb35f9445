namespace StatsIngest.Parsing;

/// <summary>
/// The words a value cell is read with (config/codelists/vocabulary.json, "values"): the whole-cell markers of a missing
/// value, the whole-cell words of no change (0), the words before a falling or rising figure (下降2.1 is −2.1), and the
/// words after a change in percentage points or a multiple (增长1.37倍 is +137%).
/// </summary>
public sealed record ValueWords(
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Falls,
    IReadOnlyList<string> Rises,
    IReadOnlyList<string> PercentagePoints,
    IReadOnlyList<string> Times);
