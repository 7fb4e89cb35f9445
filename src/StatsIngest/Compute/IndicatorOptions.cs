namespace StatsIngest.Compute;

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

    /// <summary>How many of the latest periods the trend's slope is fitted over (2–50).</summary>
    /// <value>The default value is 5.</value>
    public int TrendSlopePeriods { get; set; } = 5;

    /// <summary>The alert fires when the contribution rate stays below the baseline this many periods running (1–50).</summary>
    /// <value>The default value is 3.</value>
    public int TrendAlertPeriods { get; set; } = 3;

    /// <summary>The target profile: config/targets/NAME.json; empty for none.</summary>
    /// <value>The default value is default.</value>
    public string TargetProfile { get; set; } = "default";
}
