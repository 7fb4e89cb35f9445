using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Ingest;
using StatsIngest.Store;
using StatsIngest.Store.Postgres;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>
/// Instances on one PostgreSQL store: the lease on a file's content, its take-over from an instance that stopped
/// checking in, one refresh at a time, and the files a dead instance had claimed taken over by a live one. A dead
/// instance is one whose last check-in the database shows as older than the lease.
/// </summary>
public class ClusterCoordinationTests
{
    private static readonly ClusterOptions Options = new() { CheckinSeconds = 1, LeaseSeconds = 30 };

    private static PostgresCluster Instance(PostgresDatabase db, string id) =>
        new(new PostgresStoreDatabase(db.ConnectionString), new ClusterOptions { InstanceId = id, CheckinSeconds = Options.CheckinSeconds, LeaseSeconds = Options.LeaseSeconds }, new FakeTimeProvider());

    private static PostgresDatabase Migrated() => PostgresDatabase.Create(); // the store's database migrates when opened

    private static void Die(PostgresDatabase db, string id) =>
        db.Execute($"UPDATE cluster_instances SET checked_in_at = now() - interval '1 hour' WHERE instance_id = '{id}'");

    [SkippableFact]
    public void Content_leased_by_a_live_instance_is_refused_to_another_and_taken_over_once_its_holder_is_dead()
    {
        using var db = Migrated();
        using var a = Instance(db, "node-a");
        using var b = Instance(db, "node-b");

        var held = a.LeaseContent("sha-1", "月报.xlsx");
        var refused = Assert.Throws<ContentLeasedException>(() => b.LeaseContent("sha-1", "月报(1).xlsx"));
        Assert.Equal("node-a", refused.Owner);
        Assert.True(StatsIngest.Ingest.Faults.IsTransient(refused));
        b.LeaseContent("sha-2", "其他.csv").Dispose();
        held.Dispose();
        using (b.LeaseContent("sha-1", "月报(1).xlsx"))
        {
            Assert.Equal("node-b", db.Scalar("SELECT owner FROM inbox_leases WHERE sha256 = 'sha-1'"));
        }

        using var again = a.LeaseContent("sha-3", "x.csv");
        Die(db, "node-a");
        using var takenOver = b.LeaseContent("sha-3", "x.csv");
        Assert.Equal("node-b", db.Scalar("SELECT owner FROM inbox_leases WHERE sha256 = 'sha-3'"));
        Assert.Equal([("node-b", true), ("node-a", false)], b.Members().Select(m => (m.InstanceId, m.Alive)));
    }

    [SkippableFact]
    public void A_missed_run_is_caught_up_once_and_the_record_of_catch_ups_older_than_the_keep_is_pruned()
    {
        using var db = Migrated();
        using var a = Instance(db, "node-a");
        using var b = Instance(db, "node-b");
        db.Execute("INSERT INTO collection_catch_up (source, missed_run, instance_id, claimed_at) VALUES ('bureau', '2024-01-01T08:00:00Z', 'node-x', now() - interval '400 days')");

        Assert.True(a.ClaimCatchUp("bureau", "2026-11-01T08:00:00Z"));
        Assert.False(b.ClaimCatchUp("bureau", "2026-11-01T08:00:00Z"));

        Assert.Equal("1", db.Scalar("SELECT COUNT(*) FROM collection_catch_up")?.ToString());
        Assert.Equal("node-a", db.Scalar("SELECT instance_id FROM collection_catch_up"));
    }

    [Theory]
    [InlineData("Host=h;Database=d", 300)]
    [InlineData("Host=h;Database=d;Command Timeout=10", 10)]
    [InlineData("Host=h;Database=d;CommandTimeout=0", 0)]
    public void The_store_waits_for_long_queries_unless_the_connection_string_says_otherwise(string connectionString, int seconds)
    {
        var effective = new Npgsql.NpgsqlConnectionStringBuilder(PostgresStoreDatabase.WithCommandTimeout(connectionString));

        Assert.Equal(seconds, effective.CommandTimeout);
        Assert.Equal("h", effective.Host);
    }

    /// <summary>A file's statements are bounded by Limits:FileSeconds (its deadline interrupts them), not by the command timeout, unless the connection string gives one.</summary>
    [SkippableFact]
    public void A_files_session_has_no_command_timeout_of_its_own_unless_the_connection_string_gives_one()
    {
        using var db = PostgresDatabase.Create();
        using var files = new PostgresStoreDatabase(db.ConnectionString).OpenForFile();
        using var given = new PostgresStoreDatabase(db.ConnectionString + ";Command Timeout=10").OpenForFile();
        using var other = new PostgresStoreDatabase(db.ConnectionString).Open();

        Assert.Equal(0, ((Npgsql.NpgsqlConnection)files).CommandTimeout);
        Assert.Equal(10, ((Npgsql.NpgsqlConnection)given).CommandTimeout);
        Assert.Equal(PostgresStoreDatabase.DefaultCommandTimeoutSeconds, ((Npgsql.NpgsqlConnection)other).CommandTimeout);
    }

    [SkippableFact]
    public async Task One_refresh_at_a_time_the_other_waits_until_the_first_is_done()
    {
        using var db = Migrated();
        using var a = Instance(db, "node-a");
        using var b = Instance(db, "node-b");

        var first = a.LockRefresh();
        var second = Task.Run(b.LockRefresh);
        await RunningService.WaitUntil(() => Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"), System.Globalization.CultureInfo.InvariantCulture) == 1,
            "the second refresh waits for the lock");
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [SkippableFact]
    public void The_files_a_dead_instance_claimed_are_taken_over_with_their_attempts_and_a_live_instances_are_left()
    {
        using var db = Migrated();
        using var tmp = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        using var live = Instance(db, "node-live");
        using var other = Instance(db, "node-other");
        using (Instance(db, "node-dead"))
        {
            // Its row stays: it did not leave, it died.
        }

        db.Execute("INSERT INTO cluster_instances VALUES ('node-dead', 'h', 1, now(), now() - interval '1 hour')");
        // Each instance's work folder, as its lock made it (the dead one's was left when it died).
        var dead = new DataFolders(tmp.Path, "node-dead").EnsureCreated();
        Directory.CreateDirectory(dead.Work);
        var deadWork = new WorkArea(dead, clock);
        var inbox = Path.Combine(tmp.Path, "drop.csv");
        File.WriteAllText(inbox, "period,region,indicator,basis,measure,value\n2023,全国,GDP,year,level,1\n");
        var claimed = deadWork.Claim(inbox, ClaimMode.Move);
        deadWork.BeginAttempt(claimed);
        File.WriteAllText(Path.Combine(dead.Work, "20261127080000000-abc123__never-moved.csv.claim"), "{\"OriginalName\":\"never-moved.csv\",\"Attempts\":0}");
        var otherFolders = new DataFolders(tmp.Path, "node-other").EnsureCreated();
        Directory.CreateDirectory(otherFolders.Work);
        File.WriteAllText(Path.Combine(otherFolders.Work, "busy.csv"), "x");
        var mine = new DataFolders(tmp.Path, "node-live").EnsureCreated();
        Directory.CreateDirectory(mine.Work);

        var adopted = new OrphanedWork(mine, live, NullLogger<OrphanedWork>.Instance).Adopt();

        Assert.Equal(1, adopted);
        var taken = Assert.Single(new WorkArea(mine, clock).Files());
        Assert.Equal(("drop.csv", 1), (new WorkArea(mine, clock).OriginalName(taken), new WorkArea(mine, clock).Attempts(taken)));
        Assert.False(Directory.Exists(dead.Work));
        Assert.True(File.Exists(Path.Combine(otherFolders.Work, "busy.csv")));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM cluster_instances WHERE instance_id = 'node-dead'"));
    }
}
