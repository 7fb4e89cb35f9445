using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>The latest known observation of a series for a period, or null.</summary>
public delegate Observation? ObservationLookup(SeriesKey key, ReportingPeriod period);
