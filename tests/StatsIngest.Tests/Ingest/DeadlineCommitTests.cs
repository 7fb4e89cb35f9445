using Npgsql;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary>Limits:FileSeconds reached while a file commits: either the file is committed and archived, or it is quarantined and nothing of it is in the store.</summary>
public class DeadlineCommitTests
{
    /// <summary>
    /// A 10M-row first load into PostgreSQL passed Limits:FileSeconds inside its commit (the insert into
    /// <c>observations</c>, minutes long): the file was quarantined as "stopped", while the statement went on — on the
    /// server after the command had ended, and in the service the commit itself, which then committed the vintage of a
    /// file lying in quarantine (its archive path naming no file). Here the commit waits for a lock another session holds
    /// on <c>files</c> past the deadline (its SHARE mode lets a quarantine's delivery row in); the lock is released after the file was set aside.
    /// </summary>
    [SkippableFact]
    public void A_commit_still_waiting_at_the_deadline_is_stopped_and_commits_nothing()
    {
        using var store = TestStore.Create(StoreOptions.Postgres);
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", store.Data, .. store.Settings]).Code);
        var folders = new DataFolders(store.Data);

        using (var blocker = new NpgsqlConnection(store.Postgres!.ConnectionString))
        {
            blocker.Open();
            using var tx = blocker.BeginTransaction();
            using (var lockFiles = new NpgsqlCommand("LOCK TABLE files IN SHARE MODE", blocker, tx))
            {
                lockFiles.ExecuteNonQuery(); // reads of files and the checks of keys naming a file pass, the insert of a file's row waits
            }

            var run = CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Monthly2023), "--data", store.Data, "--Limits:FileSeconds=1", .. store.Settings]);

            Assert.True(run.Code == StatsIngestCli.FileProblems, run.Out + run.Err);
            Assert.Contains("took longer than Limits:FileSeconds (1 s)", File.ReadAllText(Path.Combine(folders.Quarantine, Fixtures.Monthly2023 + ".error.txt")), StringComparison.Ordinal);

            // The waiting statement was interrupted at the deadline: nothing waits for the lock any more.
            Assert.Equal(0L, store.Postgres.Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"));
            tx.Rollback();
        }

        AssertStoppedWithoutCommit(store.Postgres, folders);
    }

    /// <summary>
    /// The same when the statement under way does not stop when interrupted (here a trigger that waits on, as a statement
    /// past its last check of the cancel would): it ends after the file was set aside, and the commit that would follow is refused.
    /// </summary>
    [SkippableFact]
    [Trait("Category", "Fault")]
    public void A_commit_that_goes_on_past_the_deadline_commits_nothing()
    {
        using var store = TestStore.Create(StoreOptions.Postgres);
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", store.Data, .. store.Settings]).Code);
        var folders = new DataFolders(store.Data);
        store.Postgres!.Execute("""
            CREATE FUNCTION deaf_wait() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                LOOP
                    BEGIN
                        PERFORM pg_advisory_xact_lock_shared(4242);
                        EXIT;
                    EXCEPTION WHEN query_canceled THEN NULL;
                    END;
                END LOOP;
                RETURN NEW;
            END $$;
            CREATE TRIGGER deaf_wait BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION deaf_wait();
            """);

        using (var blocker = new NpgsqlConnection(store.Postgres.ConnectionString))
        {
            blocker.Open();
            using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(4242)", blocker))
            {
                hold.ExecuteNonQuery();
            }

            var run = CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Monthly2023), "--data", store.Data, "--Limits:FileSeconds=1", .. store.Settings]);

            Assert.True(run.Code == StatsIngestCli.FileProblems, run.Out + run.Err);
            Assert.Equal(1L, store.Postgres.Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'"));
        }

        AssertStoppedWithoutCommit(store.Postgres, folders);
    }

    /// <summary>Once the stopped work has ended (it runs on once the lock is gone): nothing of the file committed, the file in quarantine only.</summary>
    private static void AssertStoppedWithoutCommit(PostgresDatabase db, DataFolders folders)
    {
        WaitUntilAlone(db);
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM files"));
        Assert.Equal(0L, db.Scalar($"SELECT COUNT(*) FROM deliveries WHERE file_name = '{Fixtures.Monthly2023}' AND outcome <> 'quarantined'"));
        Assert.True(File.Exists(Path.Combine(folders.Quarantine, Fixtures.Monthly2023)));
        Assert.Empty(Directory.GetFiles(folders.Archive, Fixtures.Monthly2023, SearchOption.AllDirectories));
    }

    /// <summary>Until no other session is connected to the test's database (the stopped work's connection closed: no pooling there).</summary>
    private static void WaitUntilAlone(PostgresDatabase db)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((long)db.Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")! == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("the stopped work's session was still connected after a minute");
    }
}
