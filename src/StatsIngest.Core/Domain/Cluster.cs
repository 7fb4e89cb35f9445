namespace StatsIngest.Domain;

/// <summary>An instance of the service as the cluster knows it: when it started and when it last checked in.</summary>
public sealed record ClusterMember(string InstanceId, string Host, int Pid, DateTimeOffset StartedAt, DateTimeOffset CheckedInAt, bool Alive);

/// <summary>
/// The instances that share one store and one data folder: which are alive, the lease on a file's content while one of
/// them ingests it, and the one refresh of indicators and workbooks at a time. With SQLite there is one instance (the
/// data folder's lock sees to it) and every call is granted at once (<see cref="SingleInstance"/>); with PostgreSQL the
/// database keeps them (StatsIngest.Store.Postgres.PostgresCluster). Shared by the collection, the ingest, the store and
/// monitoring.
/// </summary>
public interface ICluster
{
    string InstanceId { get; }

    /// <summary>Whether other instances may share the store and the data folder.</summary>
    bool IsClustered { get; }

    /// <summary>Every instance known, this one first, each with whether it checked in within the lease.</summary>
    IReadOnlyList<ClusterMember> Members();

    /// <summary>Leases a file's content to this instance until the lease is disposed.</summary>
    /// <exception cref="ContentLeasedException">Another instance that is alive ingests the same content now.</exception>
    IDisposable LeaseContent(string sha256, string fileName);

    /// <summary>
    /// Claims the catch-up of a scheduled run a source missed (<paramref name="missedRun"/> names it the same way on every
    /// instance): true for the one instance that is to collect it, false for the others.
    /// </summary>
    bool ClaimCatchUp(string source, string missedRun);

    /// <summary>
    /// How late a scheduled fire is still the scheduler's to run: in a cluster, a fire due less than this long ago is being
    /// run by an instance already running, not missed (an instance joining does not catch it up).
    /// </summary>
    TimeSpan FiresLateBy { get; }

    /// <summary>Forgets an instance that stopped checking in (once its claimed files were taken over); a live one is kept.</summary>
    void Forget(string instanceId);

    /// <summary>Waits until no other instance refreshes the indicators and workbooks, and holds that until disposed.</summary>
    IDisposable LockRefresh();
}

/// <summary>Another live instance holds the lease on this content: not the file's fault; it is tried again later.</summary>
public sealed class ContentLeasedException(string fileName, string owner)
    : Exception($"the same content ({fileName}) is being ingested by instance {owner}")
{
    public string Owner { get; } = owner;
}

/// <summary>One process on its data folder (SQLite): nothing to share.</summary>
public sealed class SingleInstance(TimeProvider clock) : ICluster
{
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool IsClustered => false;

    public IReadOnlyList<ClusterMember> Members() =>
        [new(InstanceId, Environment.MachineName, Environment.ProcessId, _started, clock.GetUtcNow(), true)];

    public IDisposable LeaseContent(string sha256, string fileName) => Nothing.Instance;

    public IDisposable LockRefresh() => Nothing.Instance;

    public bool ClaimCatchUp(string source, string missedRun) => true;

    /// <summary>A scheduler in memory starts with the process: no fire before it is run.</summary>
    public TimeSpan FiresLateBy => TimeSpan.Zero;

    public void Forget(string instanceId)
    {
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
