namespace StatsIngest.Domain;

/// <summary>The SDMX observation status: A normal (final), P provisional (初步核算), E estimated, M missing.</summary>
public enum ObservationStatus
{
    Normal,
    Provisional,
    Estimated,
    Missing,
}
