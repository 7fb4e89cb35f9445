namespace StatsIngest.Indicators;

/// <summary>The codes of the series and indicators the formulas use (see docs/data-model.md).</summary>
public static class IndicatorCodes
{
    /// <summary>国内/地区生产总值.</summary>
    public const string Gdp = "GDP";

    /// <summary>全部工业增加值.</summary>
    public const string IndustryValueAdded = "IVA_ALL";

    /// <summary>规模以上工业增加值.</summary>
    public const string AboveScaleValueAdded = "IVA_ABOVE";

    /// <summary>工业对经济增长的贡献率 (%).</summary>
    public const string ContributionRate = "CONTRIB_RATE";

    /// <summary>工业拉动经济增长 (percentage points).</summary>
    public const string Pull = "PULL";

    /// <summary>工业增加值占GDP比重 (%).</summary>
    public const string Share = "SHARE_GDP";
}
