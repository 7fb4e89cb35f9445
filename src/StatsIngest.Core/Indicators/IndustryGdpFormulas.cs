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

    /// <summary>A part j of a total: contribution <c>c_j = w_j × g_j / g_total × 100</c> (%); undefined when the total did not grow.</summary>
    public static double? PartContribution(double weight, double partGrowth, double totalGrowth) =>
        totalGrowth == 0 ? null : weight * partGrowth / totalGrowth * 100;

    /// <summary>A part j of a total: pull <c>p_j = w_j × g_j</c> (pp), <c>w_j</c> its share of the total level a year earlier.</summary>
    public static double PartPull(double weight, double partGrowth) => weight * partGrowth;
}
