using StatsIngest.Domain;

namespace StatsIngest.Normalize;

/// <summary>
/// Where a file's reading puts its observations as it goes — a list (validate, the tests) or the store's staging of the
/// file (the service), so a big table is never held in memory. One value per series and period in a file: the sink
/// takes the first and hands back the earlier one when the same series and period comes again.
/// </summary>
public interface IObservationSink
{
    /// <summary>How many observations were taken.</summary>
    int Count { get; }

    /// <summary>Takes an observation, or — when the file already gave its series and period — takes nothing and returns that earlier one.</summary>
    Observation? Add(Observation observation);
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
}
