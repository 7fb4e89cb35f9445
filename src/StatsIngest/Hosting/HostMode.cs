namespace StatsIngest.Hosting;

public enum HostMode
{
    /// <summary>The long-running service: inbox processor, Quartz scheduler.</summary>
    Service,

    /// <summary>A command-line run: the same services, nothing in the background.</summary>
    OneShot,
}
