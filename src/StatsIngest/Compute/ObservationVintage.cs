using StatsIngest.Domain;

namespace StatsIngest.Compute;

/// <summary>
/// What a plan of the computation knows of an observation: its series, period and vintage (which fix its value), and
/// whether it has a value — of an observation read, or of one the index of the latest vintages names (whose value is
/// known only where its row was read: a refresh reads 规上工业's total, whose growth makes a group of drivers, and takes
/// the others as having one).
/// </summary>
public readonly record struct ObservationVintage(SeriesKey Key, ReportingPeriod Period, long VintageId, bool HasValue)
{
    public static ObservationVintage Of(Observation o) => new(o.Key, o.Period, o.VintageId, o.Value is not null);
}
