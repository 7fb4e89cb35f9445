namespace StatsIngest.Collect;

/// <summary>Where the data folder is and what goes into it on the first start. Section <c>Data</c>.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The data folder (inbox, work, archive, quarantine, out, statsingest.db); relative paths are under the content root.</summary>
    /// <value>The default value is <c>data</c>.</value>
    public string Directory { get; set; } = "data";

    /// <summary>Whether the bundled samples are dropped into the inbox when the database is new.</summary>
    /// <value>The default value is false; config/appsettings.json turns it on so that a fresh clone shows a workbook.</value>
    public bool SeedSamples { get; set; }
}
