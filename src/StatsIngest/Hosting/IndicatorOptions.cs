namespace StatsIngest.Hosting;

/// <summary>Settings of the indicators. Section <c>Indicators</c>.</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>The contribution rate of industry to economic growth that trends are read against (%, 0 to 100).</summary>
    /// <value>The default value is 32.3, the seed region's 2021 value.</value>
    public double BaselineContributionRate { get; set; } = 32.3;

    /// <summary>The region of rows that name none.</summary>
    /// <value>The default value is 全国.</value>
    public string DefaultRegion { get; set; } = "全国";
}
