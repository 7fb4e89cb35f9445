using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>The latest vintage of one period of a series as the index holds it: which row, of which file — not its value.</summary>
public readonly record struct LatestEntry(SeriesKey Key, ReportingPeriod Period, long VintageId, long Id);

/// <summary>
/// The latest vintage of every period of some regions' series, read from the index of the observations alone (<see
/// cref="ObservationStore.LatestIndex"/>): what a refresh needs to know which rows changed and which it computes from,
/// without reading every row of the history. The rows are read afterwards by <see cref="ObservationStore.LatestRows"/>,
/// from the same files (one snapshot: a file committed meanwhile is in neither).
/// </summary>
public sealed class LatestIndex
{
    internal LatestIndex(ObservationRead read, IReadOnlyList<LatestEntry> entries, IReadOnlySet<long> flagged)
    {
        Read = read;
        Entries = entries;
        Flagged = flagged;
    }

    internal ObservationRead Read { get; }

    /// <summary>How many of the entries were taken as the last read kept them (<see cref="LatestIndexCache"/>), not read again; 0 when all were read.</summary>
    public int Kept { get; init; }

    /// <summary>By series (the order of <see cref="ObservationStore.LatestObservations"/>), then by period.</summary>
    public IReadOnlyList<LatestEntry> Entries { get; }

    /// <summary>The ids of the rows flagged (<see cref="ObservationFlags"/>: a 其中 row, a label not mapped, a value derived) among all the regions' rows.</summary>
    public IReadOnlySet<long> Flagged { get; }
}
