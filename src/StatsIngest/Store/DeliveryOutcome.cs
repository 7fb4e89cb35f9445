namespace StatsIngest.Store;

/// <summary>What became of a delivery. The first three are recorded in <c>deliveries</c>; <see cref="Deferred"/> is not an end.</summary>
public enum DeliveryOutcome
{
    Ingested,
    Duplicate,
    Quarantined,

    /// <summary>Left for later and not recorded: a passing fault (a locked database, a full disk) or a file still being written.</summary>
    Deferred,
}
