namespace StatsIngest.Report;

/// <summary>Settings of the workbooks. Section <c>Report</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>The language of sheet names, headers and labels: zh (Chinese) or en (English).</summary>
    /// <value>The default value is zh.</value>
    public string Language { get; set; } = "zh";
}
