using StatsIngest.Domain;

namespace StatsIngest.Normalize;

/// <summary>
/// Where a file's reading puts its observations as it goes — a list (validate, the tests) or the store's staging of the
/// file (the service), so a big table is never held in memory. One value per series and period in a file: a sink in
/// memory hands back the earlier one at once when the same series and period comes again; the store's finds the
/// conflicting ones when the file has been read (<see cref="Conflicts"/>).
/// </summary>
public interface IObservationSink
{
    /// <summary>How many observations were taken.</summary>
    int Count { get; }

    /// <summary>Takes an observation; may return the earlier one of the same series and period, in which case this one is not taken.</summary>
    Observation? Add(Observation observation);

    /// <summary>Once the file is read: the cells giving a series and period again with another value, not said by <see cref="Add"/>.</summary>
    IReadOnlyList<Problem> Conflicts(int max);
}

/// <summary>The observations of a file kept in memory, in the order read.</summary>
public sealed class ObservationList : IObservationSink
{
    private readonly Dictionary<(SeriesKey, ReportingPeriod), Observation> _seen = [];
    private readonly List<Observation> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<Observation> Items => _items;

    public Observation? Add(Observation observation)
    {
        if (_seen.TryGetValue((observation.Key, observation.Period), out var earlier))
        {
            return earlier;
        }

        _seen[(observation.Key, observation.Period)] = observation;
        _items.Add(observation);
        return null;
    }

    public IReadOnlyList<Problem> Conflicts(int max) => [];
}
