using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Ingest;
using StatsIngest.Read;
using StatsIngest.Store;

namespace StatsIngest.Monitoring;

/// <summary>The database answers a query; says which store it is.</summary>
public sealed class DatabaseHealthCheck(ObservationStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var files = store.Files().Count;
            var data = new Dictionary<string, object> { ["provider"] = store.Database.Provider, ["location"] = store.Database.Location };
            return Task.FromResult(HealthCheckResult.Healthy($"{files} files ingested", data));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the database does not answer: " + ex.Message));
        }
    }
}

/// <summary>
/// This instance and the cluster: its id, and in a cluster whether it is checked in (unhealthy when the database no
/// longer shows it alive: its claimed files may be taken over) and each instance with its last check-in.
/// </summary>
public sealed class ClusterHealthCheck(ICluster cluster) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["instance"] = cluster.InstanceId, ["clustered"] = cluster.IsClustered };
        if (!cluster.IsClustered)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"one instance ({cluster.InstanceId}); the store is SQLite", data));
        }

        try
        {
            var members = cluster.Members();
            foreach (var m in members)
            {
                data[$"member {m.InstanceId}"] = string.Create(CultureInfo.InvariantCulture, $"{(m.Alive ? "alive" : "silent")}, last check-in {m.CheckedInAt:yyyy-MM-dd HH:mm:ss}Z, on {m.Host} pid {m.Pid}");
            }

            var self = members.FirstOrDefault(m => m.InstanceId == cluster.InstanceId);
            var alive = members.Count(m => m.Alive);
            return Task.FromResult(self is { Alive: true }
                ? HealthCheckResult.Healthy($"instance {cluster.InstanceId}, {alive} of {members.Count} instance(s) alive", data)
                : HealthCheckResult.Unhealthy($"instance {cluster.InstanceId} is not checked in: the others may take over its claimed files", data: data));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the cluster can not be read: " + ex.Message, data: data));
        }
    }
}

/// <summary>
/// The inbox loop is alive (it went round recently, or it is reading a file within Limits:FileSeconds) and the
/// backlog is small.
/// </summary>
public sealed class InboxHealthCheck(InboxProcessor processor, IngestStatus status, DataFolders folders, IOptions<InboxOptions> options, IOptions<ReadLimits> limits, TimeProvider clock) : IHealthCheck
{
    public const int BacklogDegraded = 100;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = Directory.Exists(folders.Inbox) ? Directory.GetFiles(folders.Inbox).Length : 0;
        var data = new Dictionary<string, object> { ["backlog"] = backlog };
        var now = clock.GetUtcNow();
        var silence = processor.LastLoopAt is { } last ? now - last : (TimeSpan?)null;
        var limit = TimeSpan.FromSeconds((options.Value.RescanIntervalSeconds * 3) + 60);
        if (status.Reading is { } reading)
        {
            data["reading"] = string.Create(CultureInfo.InvariantCulture, $"{reading.File} since {reading.Since:yyyy-MM-dd HH:mm:ss}Z");
            if (now - reading.Since <= TimeSpan.FromSeconds(limits.Value.FileSeconds + 60))
            {
                return Task.FromResult(HealthCheckResult.Healthy($"reading {reading.File}; {backlog} files in the inbox", data));
            }
        }

        if (silence is null || silence > limit)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"the inbox loop has not run for {(silence is null ? "ever" : silence.Value.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s")}"), data: data));
        }

        return Task.FromResult(backlog > BacklogDegraded
            ? HealthCheckResult.Degraded($"{backlog} files wait in the inbox", data: data)
            : HealthCheckResult.Healthy($"{backlog} files in the inbox", data));
    }
}

/// <summary>No file waits for a passing fault (a locked database, a full disk) and the last refresh of the workbooks worked.</summary>
public sealed class IngestHealthCheck(IngestStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, object>();
        foreach (var (file, (reason, since, tries)) in status.Deferred.OrderBy(d => d.Value.Since))
        {
            data[file] = string.Create(CultureInfo.InvariantCulture, $"{reason} (since {since:yyyy-MM-dd HH:mm:ss}Z, {tries} tries)");
        }

        if (status.Deferred.Count > 0)
        {
            var first = status.Deferred.OrderBy(d => d.Value.Since).First();
            problems.Add($"{status.Deferred.Count} file(s) wait for a passing fault to pass, e.g. {first.Key}: {first.Value.Reason}");
        }

        if (status.RefreshFailure is { } failure)
        {
            data["refresh"] = string.Create(CultureInfo.InvariantCulture, $"failed at {failure.At:yyyy-MM-dd HH:mm:ss}Z ({failure.Tries} in a row): {failure.Reason}");
            problems.Add($"the last refresh of the workbooks failed: {failure.Reason}");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("no file waits, the workbooks are up to date", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}

/// <summary>Each source's last run succeeded, and no file is past its expected-by date.</summary>
public sealed class SourcesHealthCheck(IOptions<SourcesOptions> sources, ISourceStates state, Deadlines deadlines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, object>();
        foreach (var source in sources.Value.Items.Where(s => s.Enabled))
        {
            var run = state.Get(source.Name, "*");
            data[source.Name] = run is null ? "never run" : string.Create(CultureInfo.InvariantCulture, $"{run.Outcome} at {run.CheckedAt:yyyy-MM-dd HH:mm:ss}Z: {run.Detail}");
            if (run?.Outcome == CollectedItem.Failed)
            {
                problems.Add($"{source.Name}: the last run failed ({run.Detail})");
            }
        }

        foreach (var late in deadlines.Overdue())
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{late.Source}: the file for {late.Period.Code} was due {late.Due:yyyy-MM-dd} and has not arrived"));
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} sources, none late", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
