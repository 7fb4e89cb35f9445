namespace StatsIngest.Normalize.Layouts;

/// <summary>Every layout StatsIngest knows, in the order their descriptions are listed in reports.</summary>
public static class StandardLayouts
{
    public static IReadOnlyList<ILayout> Create(CodeLists codes) =>
    [
        new CanonicalTableLayout(),
        new NbsMonthlyLayout(codes),
        new RegionalMonthlyLayout(codes),
        new PortalExportLayout(codes),
        new GdpAccountsLayout(codes),
        new IndustryScaleLayout(codes),
    ];
}
