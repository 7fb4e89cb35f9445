namespace StatsIngest.Store;

public enum DeliveryOutcome
{
    Ingested,
    Duplicate,
    Quarantined,
}
