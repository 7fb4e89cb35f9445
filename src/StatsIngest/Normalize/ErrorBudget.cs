namespace StatsIngest.Normalize;

/// <summary>
/// How many unreadable value cells a file may have before it is quarantined: none by default in headline rows (the
/// total, the first row), a few in detail rows (industries, products, regions). Every skipped cell is reported.
/// </summary>
public sealed record ErrorBudget(int HeadlineRows = 0, int DetailRows = 3)
{
    public static ErrorBudget Default { get; } = new();
}
