using System.Data.Common;
using System.Globalization;
using Npgsql;
using StatsIngest.Domain;

namespace StatsIngest.Store.Postgres;

/// <summary>
/// The cluster kept in the PostgreSQL store: each instance checks in (<c>cluster_instances</c>) every
/// Cluster:CheckinSeconds from a timer, by the database's clock (the hosts' clocks may differ); one that has not checked
/// in for Cluster:LeaseSeconds is dead, and its leases (<c>inbox_leases</c>, one row per content hash, taken by one
/// atomic upsert) and claimed files are taken over. The refresh is serialized by a session advisory lock, released
/// when its connection closes — also when the process dies.
/// </summary>
public sealed class PostgresCluster : ICluster, IDisposable
{
    private const long RefreshLockKey = 0x5354_4154_5245_4652; // "STATREFR"
    private readonly PostgresStoreDatabase _database;
    private readonly double _leaseSeconds;
    private readonly ITimer _checkIn;

    public PostgresCluster(PostgresStoreDatabase database, ClusterOptions options, TimeProvider clock)
    {
        _database = database;
        _leaseSeconds = options.LeaseSeconds;
        InstanceId = options.EffectiveInstanceId;
        Execute("""
            INSERT INTO cluster_instances (instance_id, host, pid, started_at, checked_in_at) VALUES (@id, @host, @pid, now(), now())
            ON CONFLICT (instance_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = now(), checked_in_at = now()
            """, ("@host", Environment.MachineName), ("@pid", Environment.ProcessId));
        var every = TimeSpan.FromSeconds(options.CheckinSeconds);
        _checkIn = clock.CreateTimer(_ => CheckIn(), null, every, every);
    }

    public string InstanceId { get; }

    public bool IsClustered => true;

    public TimeSpan FiresLateBy => QuartzStore.MisfireThreshold;

    /// <summary>Says this instance is alive (the timer calls it; a failure is left to the next tick and the health check).</summary>
    public void CheckIn()
    {
        try
        {
            Execute("UPDATE cluster_instances SET checked_in_at = now() WHERE instance_id = @id");
        }
        catch (NpgsqlException)
        {
            // The database does not answer now: the database health check says so; the next tick tries again.
        }
    }

    public IReadOnlyList<ClusterMember> Members()
    {
        using var c = Open();
        using var cmd = Command(c, $"""
            SELECT instance_id, host, pid, started_at, checked_in_at, checked_in_at > now() - {Interval} AS alive
            FROM cluster_instances ORDER BY instance_id = @id DESC, instance_id
            """);
        using var r = cmd.ExecuteReader();
        var members = new List<ClusterMember>();
        while (r.Read())
        {
            members.Add(new ClusterMember(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), r.GetBoolean(5)));
        }

        return members;
    }

    public IDisposable LeaseContent(string sha256, string fileName)
    {
        // Taken when free, when this instance holds it, or when its holder stopped checking in.
        using (var c = Open())
        using (var take = Command(c, $"""
            INSERT INTO inbox_leases (sha256, file_name, owner, taken_at) VALUES (@sha, @name, @id, now())
            ON CONFLICT (sha256) DO UPDATE SET file_name = excluded.file_name, owner = excluded.owner, taken_at = excluded.taken_at
            WHERE inbox_leases.owner = excluded.owner OR NOT EXISTS (
                SELECT 1 FROM cluster_instances i WHERE i.instance_id = inbox_leases.owner AND i.checked_in_at > now() - {Interval})
            RETURNING owner
            """))
        {
            take.With("@sha", sha256).With("@name", fileName);
            if (take.ExecuteScalar() is null)
            {
                throw new ContentLeasedException(fileName, Holder(c, sha256));
            }
        }

        return new Release(() =>
        {
            try
            {
                Execute("DELETE FROM inbox_leases WHERE sha256 = @sha AND owner = @id", ("@sha", sha256));
            }
            catch (NpgsqlException)
            {
                // Left behind: the content is committed or refused by now, which every later claim checks first.
            }
        });
    }

    public IDisposable LockRefresh()
    {
        var c = Open();
        try
        {
            using var wait = Command(c, $"SELECT pg_advisory_lock({RefreshLockKey.ToString(CultureInfo.InvariantCulture)})");
            wait.CommandTimeout = 0;
            wait.ExecuteNonQuery();
            return new Release(c.Dispose);
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Claims the catch-up of a missed run for this instance (false when another has it); the records of catch-ups
    /// claimed more than <see cref="CatchUpKeptDays"/> days ago go at the same time (a missed run is never that old).
    /// </summary>
    public bool ClaimCatchUp(string source, string missedRun)
    {
        using var c = Open();
        using (var prune = Command(c, $"DELETE FROM collection_catch_up WHERE claimed_at < now() - interval '{CatchUpKeptDays} days'"))
        {
            prune.ExecuteNonQuery();
        }

        using var cmd = Command(c, """
            INSERT INTO collection_catch_up (source, missed_run, instance_id, claimed_at) VALUES (@source, @run, @id, now())
            ON CONFLICT DO NOTHING
            """);
        cmd.With("@source", source).With("@run", missedRun);
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>How long the record of a caught-up run is kept.</summary>
    public const int CatchUpKeptDays = 90;

    /// <summary>Forgets an instance that is dead (after its files were taken over).</summary>
    public void Forget(string instanceId) =>
        Execute($"""
            DELETE FROM inbox_leases WHERE owner = @other AND NOT EXISTS (
                SELECT 1 FROM cluster_instances WHERE instance_id = @other AND checked_in_at > now() - {Interval});
            DELETE FROM cluster_instances WHERE instance_id = @other AND checked_in_at <= now() - {Interval};
            """, ("@other", instanceId));

    /// <summary>Leaves the cluster: the timer stops and the instance's row goes (its leases were released as its files ended).</summary>
    public void Dispose()
    {
        _checkIn.Dispose();
        try
        {
            Execute("DELETE FROM cluster_instances WHERE instance_id = @id");
        }
        catch (NpgsqlException)
        {
            // Leaving is a courtesy: without it the row ages out after the lease.
        }
    }

    private string Interval => $"make_interval(secs => {_leaseSeconds.ToString(CultureInfo.InvariantCulture)})";

    private string Holder(DbConnection c, string sha256)
    {
        using var cmd = Command(c, "SELECT owner FROM inbox_leases WHERE sha256 = @sha").With("@sha", sha256);
        return cmd.ExecuteScalar() as string ?? "another instance";
    }

    private DbConnection Open() => _database.Open();

    /// <summary>A command with this instance's id as <c>@id</c>.</summary>
    private DbCommand Command(DbConnection c, string sql) => Sql.Command(c, null, sql).With("@id", InstanceId);

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var c = Open();
        using var cmd = Command(c, sql);
        foreach (var (name, value) in parameters)
        {
            cmd.With(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
