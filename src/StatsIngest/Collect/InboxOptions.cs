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
}
