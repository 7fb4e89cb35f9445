
namespace StatsIngest.Normalize;

/// <summary>Settings of the reading of tables. Section <c>Layouts</c>.</summary>
public sealed class LayoutOptions
{
    public const string Section = "Layouts";

    /// <summary>Unreadable value cells allowed in headline rows (the total, the first row) before a file is quarantined.</summary>
    /// <value>The default value is 0.</value>
    public int HeadlineErrorBudget { get; set; }

    /// <summary>Unreadable value cells allowed in detail rows (industries, products, regions); each is reported and skipped.</summary>
    /// <value>The default value is 3.</value>
    public int DetailErrorBudget { get; set; } = 3;

    /// <summary>Per-source rules, first match wins: file-name pattern → layout, sheet, region, unit, period, indicator, status, budgets.</summary>
    public List<SourceRule> Rules { get; set; } = [];
}
