using StatsIngest.Normalize.Lexicon;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Store;

namespace StatsIngest.Report;

/// <summary>Everything a summary workbook shows, gathered from the store.</summary>
public sealed record SummaryData(
    string PeriodCode,
    IReadOnlyList<Observation> Observations,
    IndicatorSet Indicators,
    IReadOnlyList<FileRecord> Files,
    IReadOnlyList<Delivery> Deliveries,
    CodeLists Codes,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? AsOf)
{
    /// <summary>The changes of computed values recorded so far (revisions applied), oldest first.</summary>
    public IReadOnlyList<StoredRevision> Revisions { get; init; } = [];

    /// <summary>Files due from the collection sources that have not arrived (marked missing in 来源).</summary>
    public IReadOnlyList<Collect.OverdueFile> Overdue { get; init; } = [];

    /// <summary>zh (default) or en: the language of sheet names, headers and labels.</summary>
    public string Language { get; init; } = "zh";
}
