namespace StatsIngest.Normalize;

/// <summary>
/// What a layout needs besides the sheet: the code lists, the file's identity (for provenance), the default region,
/// the error budget, and the configured rule for the file's source when one matches.
/// </summary>
public sealed record NormalizeContext(CodeLists Codes, string FileName, string Sha256, string DefaultRegion)
{
    public ErrorBudget Budget { get; init; } = ErrorBudget.Default;

    public SourceRule? Rule { get; init; }
}
