namespace StatsIngest.Normalize;

public enum ProblemSeverity
{
    /// <summary>Recorded with the file; the file is still ingested.</summary>
    Warning,

    /// <summary>The file cannot be ingested as it is: it goes to quarantine.</summary>
    Error,
}
