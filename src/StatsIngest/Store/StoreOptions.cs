namespace StatsIngest.Store;

/// <summary>Settings of the observation store. Section <c>Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>How long a write waits for a database another process holds, in seconds (1 to 600), before it counts as a passing fault.</summary>
    /// <value>The default value is 30 seconds.</value>
    public double BusyTimeoutSeconds { get; set; } = 30;
}
