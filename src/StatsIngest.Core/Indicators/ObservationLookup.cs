using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>The latest known observation of a series for a period, or null.</summary>
public delegate Observation? ObservationLookup(SeriesKey key, ReportingPeriod period);

/// <summary>Observations by series and period, the last given winning: the index every lookup of a computation reads.</summary>
public static class ObservationIndex
{
    public static Dictionary<(SeriesKey Key, ReportingPeriod Period), Observation> Of(IEnumerable<Observation> observations)
    {
        // One pass into one dictionary (grouping first built every group, then the dictionary).
        var index = new Dictionary<(SeriesKey, ReportingPeriod), Observation>(observations.TryGetNonEnumeratedCount(out var n) ? n : 0);
        foreach (var o in observations)
        {
            index[(o.Key, o.Period)] = o;
        }

        return index;
    }
}
