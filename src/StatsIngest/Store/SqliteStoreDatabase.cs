using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StatsIngest.Store;

/// <summary>The embedded store: one SQLite file, brought to the latest schema when opened (<see cref="Schema"/>).</summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    /// <summary>
    /// Pages kept in memory per connection, for the store and for a file's staging (SQLite's default is 2 MB, under
    /// which a million-row file's index updates go to disk page by page); a bound, not an allocation.
    /// </summary>
    private const int CacheKibibytes = 32768;

    private readonly string _connectionString;
    private readonly int _busyMilliseconds;

    /// <exception cref="StoreDamagedException">The file is damaged or is not a StatsIngest database.</exception>
    public SqliteStoreDatabase(string databasePath, double busyTimeoutSeconds = 30)
    {
        DatabasePath = databasePath;
        _busyMilliseconds = (int)(busyTimeoutSeconds * 1000);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeoutSeconds),
        }.ToString();
        try
        {
            using var c = OpenSqlite();
            Schema.Migrate(c);
        }
        catch (Exception ex) when (StoreDamagedException.Is(ex))
        {
            throw new StoreDamagedException(databasePath, ex);
        }
    }

    public string DatabasePath { get; }

    public override string Provider => StoreOptions.Sqlite;

    public override string Location => DatabasePath;

    /// <summary><c>PRAGMA user_version</c>.</summary>
    internal override bool ComparesTextByBytes => true;

    public override int SchemaVersion()
    {
        using var c = Open();
        using var cmd = Sql.Command(c, null, "PRAGMA user_version");
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal override DbConnection Open() => OpenSqlite();

    internal override Rows Query(DbConnection connection, DbTransaction? tx, string sql, IEnumerable<(string Name, string Value)> parameters) =>
        new SqliteRows((SqliteConnection)connection, sql, parameters);

    internal override FileStaging Stage(DbConnection connection, DbTransaction tx) => new SqliteStaging((SqliteConnection)connection, tx);

    private SqliteConnection OpenSqlite()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyMilliseconds}; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA temp.cache_size = -{CacheKibibytes};";
        cmd.ExecuteNonQuery();
        return c;
    }
}
