namespace StatsIngest.Ingest;

/// <summary>
/// How long the service waits before it tries again what a passing fault stopped (a file left in work/, a refresh):
/// Inbox:DeferredRetrySeconds after the first failure, twice as long after each failure in a row, up to an hour — or
/// the setting, when it is longer. A fault that lasts hours is tried a dozen times, not once a minute.
/// </summary>
internal static class RetryWait
{
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan After(double baseSeconds, int failuresInARow)
    {
        var cap = Math.Max(baseSeconds, Longest.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Min(baseSeconds * Math.Pow(2, Math.Max(0, failuresInARow - 1)), cap));
    }
}
