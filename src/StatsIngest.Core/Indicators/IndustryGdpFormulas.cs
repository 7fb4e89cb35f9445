namespace StatsIngest.Indicators;

/// <summary>
/// The formulas of domain.md §2, at comparable prices. <c>L</c> is a level of the previous year's same period,
/// <c>g</c> a published real growth rate in %.
/// </summary>
public static class IndustryGdpFormulas
{
    /// <summary>贡献率 (%): <c>c = (L_industry × g_industry) / (L_GDP × g_GDP) × 100</c>; undefined when GDP did not grow.</summary>
    public static double? ContributionRate(double industryLevelPrev, double industryGrowth, double gdpLevelPrev, double gdpGrowth)
    {
        var gdpIncrement = gdpLevelPrev * gdpGrowth;
        return gdpIncrement == 0 ? null : industryLevelPrev * industryGrowth / gdpIncrement * 100;
    }

    /// <summary>拉动 (pp): <c>p = L_industry × g_industry / L_GDP</c> (= c × g_GDP / 100).</summary>
    public static double? Pull(double industryLevelPrev, double industryGrowth, double gdpLevelPrev) =>
        gdpLevelPrev == 0 ? null : industryLevelPrev * industryGrowth / gdpLevelPrev;

    /// <summary>占比 (%): <c>L_industry / L_GDP × 100</c> in the same period.</summary>
    public static double? Share(double industryLevel, double gdpLevel) =>
        gdpLevel == 0 ? null : industryLevel / gdpLevel * 100;
}
