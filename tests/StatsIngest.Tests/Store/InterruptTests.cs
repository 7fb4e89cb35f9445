using System.Data.Common;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary><see cref="StoreDatabase.Interrupt"/>: a statement running on a connection ends at once when another thread interrupts it.</summary>
public class InterruptTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void An_interrupt_from_another_thread_ends_the_statement_a_connection_runs(string provider)
    {
        using var store = TestStore.Create(provider);
        var database = store.Open().Database;
        using var c = database.Open();
        // Minutes of work when not interrupted.
        var sql = provider == StoreOptions.Sqlite
            ? "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000000) SELECT COUNT(*) FROM n"
            : "SELECT pg_sleep(300)";
        using var command = Sql.Command(c, null, sql);
        var running = Task.Run(command.ExecuteScalar);

        // An interrupt before the statement starts does nothing: again until it ends.
        for (var i = 0; i < 600 && Task.WaitAny([running], 50) < 0; i++)
        {
            database.Interrupt(c);
        }

        Assert.True(running.IsCompleted, "the statement was still running after 30 s of interrupts");
        var failure = Assert.IsAssignableFrom<DbException>(running.Exception?.InnerException);
        Assert.Matches("interrupt|cancel", failure.Message);
    }
}
