namespace StatsIngest.Report;

/// <summary>Settings of the workbooks. Section <c>Report</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>The language of sheet names, headers and labels: zh (Chinese) or en (English).</summary>
    /// <value>The default value is zh.</value>
    public string Language { get; set; } = "zh";

    /// <summary>
    /// The regions the workbooks report (their indicators, tables and the observations those use): empty for the
    /// default region (Indicators:DefaultRegion), "*" for every region in the store. The store keeps every region
    /// whatever this says; `export` gives it all.
    /// </summary>
    /// <value>The default value is empty: the default region.</value>
    public List<string> Regions { get; set; } = [];

    /// <summary>How many of the latest periods of each basis the 行业 sheet shows the drivers of (1 to 120).</summary>
    /// <value>The default value is 12.</value>
    public int DriverPeriods { get; set; } = 12;

    /// <summary>
    /// How many calendar years of months 工业增速 shows for each region, the latest one's included (1 to 200): the
    /// workbook follows what it reports, not how far back the store goes; the whole history stays in the store
    /// (`export`) and in the stored indicators.
    /// </summary>
    /// <value>The default value is 5.</value>
    public int PanelYears { get; set; } = 5;

    /// <summary>
    /// How many groups of drivers (a region, basis and period each) a refresh computes and stores at a time when it
    /// computes many — the first refresh of a long history, or after a new build or setup — whole years at a time: its
    /// memory follows this, not the history's length (1 to 1,000,000). Not part of the setup: it changes how the values
    /// are stored, not what they are.
    /// </summary>
    /// <value>The default value is 400 (about sixteen years of one region's months).</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public int DriverBatchGroups { get; set; } = 400;

    /// <summary>The regions to read for a report, or null for every region.</summary>
    public IReadOnlyCollection<string>? Scope(string defaultRegion) =>
        Regions.Contains("*") ? null : Regions.Count == 0 ? [defaultRegion] : Regions;
}
