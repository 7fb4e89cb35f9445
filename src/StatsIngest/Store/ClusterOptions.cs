using Microsoft.Extensions.Options;
using StatsIngest.Settings;

namespace StatsIngest.Store;

/// <summary>Several service instances on one PostgreSQL store and one shared data folder (<c>Store:Provider = postgres</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>This instance's name in the cluster, unique among the instances; its claimed files wait in <c>work/&lt;id&gt;/</c>.</summary>
    /// <value>The default value is the host name and the process id (<c>node1-4711</c>).</value>
    public string? InstanceId { get; set; }

    /// <summary>How often an instance says it is alive, in seconds (1 to 300); Quartz's cluster check-in uses the same interval.</summary>
    /// <value>The default value is 5 seconds.</value>
    public double CheckinSeconds { get; set; } = 5;

    /// <summary>How long an instance may stay silent before it counts as dead and its claimed files and leases are taken over, in seconds.</summary>
    /// <value>The default value is 30 seconds (at least twice the check-in interval).</value>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>The instance id: the one set, or the host name and the process id.</summary>
    public string EffectiveInstanceId => string.IsNullOrWhiteSpace(InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceId;
}

/// <summary>A usable instance id (it names a folder), a check-in interval and a lease in range.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.InstanceId is { } id && (id.Length is 0 or > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || id.StartsWith('.')))
        {
            failures.Add($"Cluster:InstanceId = '{id}' is not allowed: use 1 to 64 letters, digits, '-', '_' or '.' (it names the folder work/<id>/).");
        }

        SettingCheck.Range(failures, "Cluster:CheckinSeconds", options.CheckinSeconds, 1, 300, "seconds");
        SettingCheck.Range(failures, "Cluster:LeaseSeconds", options.LeaseSeconds, 2 * options.CheckinSeconds, 3600, "seconds (at least twice Cluster:CheckinSeconds)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
