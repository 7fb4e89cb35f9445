namespace StatsIngest.Collect;

/// <summary>
/// A source the service collects from on a schedule (section <c>Sources</c>, a list): a shared folder or a web address,
/// a Quartz cron schedule in a time zone, when each period's file is expected, and the layout hints of its files.
/// </summary>
public sealed class SourceDefinition
{
    /// <summary>A short name, used in file names and logs: letters, digits, - and _.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>folder</c> (a local or network path) or <c>http</c> (a URL template).</summary>
    public string Kind { get; set; } = "http";

    /// <summary>Folder sources: the folder to copy new files from.</summary>
    public string? Path { get; set; }

    /// <summary>Folder sources: file-name patterns to take (default all) and to leave.</summary>
    public List<string> Include { get; set; } = [];

    public List<string> Exclude { get; set; } = [];

    /// <summary>HTTP sources: the address with placeholders {yyyy}, {MM}, {M}, {yyyyMM}, {period} (2023-03).</summary>
    public string? Url { get; set; }

    /// <summary>HTTP sources: request headers (e.g. a token); never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>A Quartz cron expression with seconds, e.g. "0 0 10 15-25 * ?" (10:00 on the 15th to the 25th).</summary>
    public string Schedule { get; set; } = "0 0 10 15-25 * ?";

    /// <summary>An IANA time zone for the schedule and the deadlines.</summary>
    /// <value>The default value is Asia/Shanghai.</value>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>When a period's file is due, e.g. "day 20 of the following month"; empty for no deadline.</summary>
    public string? ExpectedBy { get; set; }

    /// <summary>Scheduled runs fetch the period this many months before the run's month (1: last month's data).</summary>
    public int PeriodLagMonths { get; set; } = 1;

    /// <summary>
    /// Scheduled runs also ask for the months before that period not delivered yet, this many months back in all
    /// (a bureau that published while the service was down, a month that failed last time).
    /// </summary>
    public int LookbackMonths { get; set; } = 3;

    public int MaxMegabytes { get; set; } = 50;

    public double AttemptTimeoutSeconds { get; set; } = 30;

    public double TotalTimeoutSeconds { get; set; } = 300;

    public int Retries { get; set; } = 4;

    /// <summary>The first retry delay; later ones double, with jitter. A 429's Retry-After wins.</summary>
    public double RetryDelaySeconds { get; set; } = 2;

    public bool Enabled { get; set; } = true;

    /// <summary>Layout hints for this source's files (as in <c>Layouts:Rules</c>).</summary>
    public string? Layout { get; set; }

    public string? Sheet { get; set; }

    public string? Region { get; set; }

    public string? Unit { get; set; }

    public string? Indicator { get; set; }
}

/// <summary>The configured sources (section <c>Sources</c>).</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public List<SourceDefinition> Items { get; set; } = [];
}
