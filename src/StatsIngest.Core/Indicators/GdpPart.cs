using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// A part of GDP whose contribution to GDP growth is computed: all industry (the headline), manufacturing, and the
/// three sectors, whose contributions sum to 100 and whose pulls sum to GDP growth. <see cref="Indicator"/> and
/// <see cref="Industry"/> name the series of its level and growth.
/// </summary>
public sealed record GdpPart(string Code, string Name, string NameEn, string Indicator, string Industry)
{
    public static readonly GdpPart AllIndustry = new("IND", "全部工业增加值", "All industry", IndicatorCodes.IndustryValueAdded, SeriesKey.AllIndustries);
    public static readonly GdpPart Manufacturing = new("MFG", "制造业增加值", "Manufacturing", IndicatorCodes.IndustryValueAdded, "C");
    public static readonly GdpPart Primary = new("SEC1", "第一产业", "Primary industry", IndicatorCodes.Gdp, "SEC1");
    public static readonly GdpPart Secondary = new("SEC2", "第二产业", "Secondary industry", IndicatorCodes.Gdp, "SEC2");
    public static readonly GdpPart Tertiary = new("SEC3", "第三产业", "Tertiary industry", IndicatorCodes.Gdp, "SEC3");

    /// <summary>The headline first, then manufacturing, then the three sectors.</summary>
    public static IReadOnlyList<GdpPart> All { get; } = [AllIndustry, Manufacturing, Primary, Secondary, Tertiary];

    public static IReadOnlyList<GdpPart> Sectors { get; } = [Primary, Secondary, Tertiary];
}
