using System.Data.Common;

namespace StatsIngest.Store;

/// <summary>
/// The database a store lives in: SQLite (a file, the embedded default) or PostgreSQL (<c>Store:Provider</c>). The
/// store's reads and writes are the same SQL on both; what differs is here: how a connection opens, how a file's
/// observations are staged for their commit, how commits of several processes are put in one order.
/// </summary>
public abstract class StoreDatabase
{
    /// <summary><see cref="StoreOptions.Sqlite"/> or <see cref="StoreOptions.Postgres"/>.</summary>
    public abstract string Provider { get; }

    /// <summary>Where the store is, for messages: the SQLite file, or PostgreSQL's host, port and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>The schema version the database is at.</summary>
    public abstract int SchemaVersion();

    /// <summary>Whether the database orders text by its bytes (SQLite's BINARY), so that the texts starting with a prefix are a range of an index.</summary>
    internal virtual bool ComparesTextByBytes => false;

    /// <summary>An open connection.</summary>
    internal abstract DbConnection Open();

    /// <summary>An open connection for a file's session: its statements bounded by Limits:FileSeconds (<see cref="Interrupt"/>), not by a timeout of their own.</summary>
    internal virtual DbConnection OpenForFile() => Open();

    /// <summary>An open connection for reading many rows of a region's history (more of its pages kept in memory, where the database allows).</summary>
    internal virtual DbConnection OpenForHistory() => Open();

    /// <summary>The rows of a query with text parameters (named <c>@name</c>), read by position.</summary>
    internal virtual Rows Query(DbConnection connection, DbTransaction? tx, string sql, IEnumerable<(string Name, string Value)> parameters)
    {
        var command = Sql.Command(connection, tx, sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return new ReaderRows(command);
    }

    /// <summary>Where the latest index of <paramref name="regions"/> (all when null) is kept between reads (<see cref="LatestIndexCache"/>), or null: read whole each time.</summary>
    internal virtual LatestIndexCache? LatestIndexCache(IReadOnlyCollection<string>? regions) => null;

    /// <summary>The staging of one file's observations inside <paramref name="tx"/>.</summary>
    internal abstract FileStaging Stage(DbConnection connection, DbTransaction tx);

    /// <summary>
    /// Waits until no other process commits a file, for the rest of <paramref name="tx"/>: files get their vintage ids in
    /// the order they commit and each is compared with every file committed before it. SQLite's write transaction does
    /// this already.
    /// </summary>
    internal virtual void SerializeCommits(DbConnection connection, DbTransaction tx)
    {
    }

    /// <summary>
    /// Stops the statement <paramref name="connection"/> is running, from another thread (a file's processing cut off by
    /// Limits:FileSeconds or the service stopping): it fails at once and its transaction is rolled back. Nothing when the
    /// connection runs none. The caller keeps the connection open until this returns.
    /// </summary>
    internal abstract void Interrupt(DbConnection connection);

    /// <summary>After a file's commit that added <paramref name="added"/> observations (the planner's statistics).</summary>
    internal virtual void Committed(DbConnection connection, int added)
    {
    }
}
