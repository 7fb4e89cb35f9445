using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace StatsIngest.Store.Postgres;

/// <summary>
/// The store in PostgreSQL (<c>Store:Provider = postgres</c>, <c>ConnectionStrings:StatsIngest</c>): the schema brought
/// to the latest version when opened (<see cref="PostgresSchema.Apply"/>, under its advisory lock), connections from
/// Npgsql's pool, staging by binary COPY, file commits of every instance in one order by a transaction advisory lock.
/// </summary>
public sealed class PostgresStoreDatabase : StoreDatabase
{
    /// <summary>The advisory lock a file's commit holds until its transaction ends ("COMMIT").</summary>
    private const long CommitLock = 0x5354_4154_434f_4d4d;

    /// <summary>How many observations one commit adds before the statistics are refreshed at once.</summary>
    private const int AnalyzeAfterRows = 10_000;

    /// <summary>The command timeout of the store's connections unless the connection string gives one (Npgsql's is 30 s).</summary>
    public const int DefaultCommandTimeoutSeconds = 300;

    private readonly string _forFiles;

    public PostgresStoreDatabase(string connectionString)
    {
        ConnectionString = WithCommandTimeout(connectionString);
        _forFiles = WithCommandTimeout(connectionString, seconds: 0);
        PostgresSchema.Apply(ConnectionString);
    }

    /// <summary>
    /// The connection string with a command timeout of <paramref name="seconds"/> when it gives none: a refresh reads a
    /// large store's region in one query, which can take longer than Npgsql's default of 30 s; a file's statements (0:
    /// none) are bounded by Limits:FileSeconds, whose deadline interrupts them (a 10M-row first load's insert takes
    /// minutes: timed out at 300 s, it was taken for a passing fault and read again three times).
    /// </summary>
    public static string WithCommandTimeout(string connectionString, int seconds = DefaultCommandTimeoutSeconds)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("CommandTimeout", StringComparison.OrdinalIgnoreCase));
        return given ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = seconds }.ConnectionString;
    }

    public string ConnectionString { get; }

    public override string Provider => StoreOptions.Postgres;

    public override string Location
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
    }

    public override int SchemaVersion()
    {
        using var c = Open();
        using var cmd = Sql.Command(c, null, "SELECT version FROM statsingest_schema");
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal override DbConnection Open() => Open(ConnectionString);

    internal override DbConnection OpenForFile() => Open(_forFiles);

    private static NpgsqlConnection Open(string connectionString)
    {
        var c = new NpgsqlConnection(connectionString);
        c.Open();
        return c;
    }

    internal override FileStaging Stage(DbConnection connection, DbTransaction tx) => new PostgresStaging((NpgsqlConnection)connection, tx);

    /// <summary>
    /// A commit that added many rows refreshes the planner's statistics at once: autovacuum gets to it later, and until
    /// then a query of the refresh that follows may be planned as if the tables were empty (a 1M-row first load then
    /// read its region's rows by a plan that did not finish within the command timeout). <c>observations</c> is vacuumed
    /// too: its new pages marked all-visible, the latest index is read from the index alone (an index-only scan visits
    /// the table for each entry of a page not so marked: right after a 10M-row load the planner read the whole table,
    /// 2.2 s a refresh, until autovacuum came by). VACUUM runs outside a transaction, as a statement of its own.
    /// </summary>
    internal override void Committed(DbConnection connection, int added)
    {
        if (added >= AnalyzeAfterRows)
        {
            Sql.Execute(connection, null, "VACUUM (ANALYZE) observations");
            Sql.Execute(connection, null, "ANALYZE series; ANALYZE files");
        }
    }

    /// <summary>The backend running the connection's statement cancels it (as psql's Ctrl+C does); an idle backend ignores it.</summary>
    internal override void Interrupt(DbConnection connection)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, CommandTimeout = 30 }.ConnectionString);
        c.Open();
        using var cmd = Sql.Command(c, null, "SELECT pg_cancel_backend(@pid)");
        cmd.Parameters.Add(new NpgsqlParameter<int>("pid", ((NpgsqlConnection)connection).ProcessID));
        cmd.ExecuteNonQuery();
    }

    internal override void SerializeCommits(DbConnection connection, DbTransaction tx) =>
        Sql.Execute(connection, tx, $"SELECT pg_advisory_xact_lock({CommitLock.ToString(CultureInfo.InvariantCulture)})");
}
