namespace StatsIngest.Collect;

/// <summary>How the inbox is watched. Section <c>Inbox</c>.</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>How long a file's size and modification time must stay unchanged before it is taken (seconds, 0 to 3600).</summary>
    /// <value>The default value is 2 seconds.</value>
    public double QuietPeriodSeconds { get; set; } = 2;

    /// <summary>How often the inbox is rescanned, whatever the file-system watcher says (seconds, 1 to 86400).</summary>
    /// <value>The default value is 10 seconds.</value>
    public double RescanIntervalSeconds { get; set; } = 10;

    /// <summary>Whether a FileSystemWatcher hints at new files between rescans.</summary>
    /// <value>The default value is true.</value>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// Whether a symbolic link in the inbox is taken (its target's content is copied; the link is removed). Off, a link is
    /// refused without being read and moved to quarantine with a report. On, a link whose target lies outside the data
    /// folder and <see cref="AllowedRoots"/> is still refused.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool FollowLinks { get; set; }

    /// <summary>How often a passing fault (a locked database, a full disk) is retried while a file is in hand (0 to 20), with exponential backoff.</summary>
    /// <value>The default value is 3 retries.</value>
    public int TransientRetries { get; set; } = 3;

    /// <summary>The first delay of those retries, in seconds (0 to 600); each next one is about twice as long.</summary>
    /// <value>The default value is 2 seconds.</value>
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>How long a file left in work/ by a passing fault, or a refresh that failed, waits before it is tried again, in seconds (1 to 86400).</summary>
    /// <value>The default value is 60 seconds.</value>
    public double DeferredRetrySeconds { get; set; } = 60;

    /// <summary>
    /// Names of files never taken (<c>*</c> and <c>?</c>, case ignored): lock files, hidden files, unfinished downloads,
    /// quarantine reports. The list is in config/appsettings.json; add a pattern after its last index
    /// (<c>--Inbox:IgnoredNames:7=*.download</c>).
    /// </summary>
    /// <value>The default value is none here; config/appsettings.json gives the list.</value>
    public List<string> IgnoredNames { get; set; } = [];

    /// <summary>Folders a followed link may point into, besides the data folder.</summary>
    /// <value>The default value is none.</value>
    public List<string> AllowedRoots { get; set; } = [];
}
