namespace StatsIngest.Normalize;

/// <summary>
/// A per-source rule from configuration (<c>Layouts:Rules</c>): files whose name matches <see cref="FileNamePattern"/>
/// (a glob: * and ?) are read with this layout, sheet, region, unit, period and indicator instead of what detection finds.
/// </summary>
public sealed class SourceRule
{
    public string Name { get; set; } = string.Empty;

    public string FileNamePattern { get; set; } = string.Empty;

    /// <summary>A layout name (canonical, nbs-monthly, regional-monthly, portal-export, gdp-accounts, industry-scale).</summary>
    public string? Layout { get; set; }

    /// <summary>Only this sheet is read.</summary>
    public string? Sheet { get; set; }

    public string? Region { get; set; }

    /// <summary>The unit of level cells (亿元, 万元 …) when the table does not say it.</summary>
    public string? Unit { get; set; }

    /// <summary>The period of the table, e.g. 2023-06, 2022, 2022-Q3 or 2023年1—6月.</summary>
    public string? Period { get; set; }

    /// <summary>The indicator of the table (a code or name of config/codelists/indicators.json).</summary>
    public string? Indicator { get; set; }

    /// <summary>初步核算/provisional or 最终核实/final, when the title does not say it.</summary>
    public string? Status { get; set; }

    public int? HeadlineErrorBudget { get; set; }

    public int? DetailErrorBudget { get; set; }

    public bool Matches(string fileName) =>
        FileNamePattern.Length > 0 && System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(FileNamePattern, fileName, ignoreCase: true);
}
