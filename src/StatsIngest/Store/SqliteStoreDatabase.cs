using System.Data.Common;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Data.Sqlite;

namespace StatsIngest.Store;

/// <summary>The embedded store: one SQLite file, brought to the latest schema when opened (<see cref="Schema"/>).</summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    /// <summary>
    /// Pages kept in memory by a connection that reads a region's history (<see cref="OpenForHistory"/>); a bound, not an
    /// allocation. Its rows are found series after series, each on a page of the table of its own, and a page comes back
    /// for the next series: the monthly file into the 10M store reads it 0.2 s faster than with SQLite's default of 2 MB.
    /// The other connections keep that default: a file's staging and the indicators' writes pass over their pages about
    /// once (a 1M-row first load 36 MB smaller at the same speed; its indexes are made once, sorted, at the commit).
    /// </summary>
    private const int HistoryCacheKibibytes = 32768;

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

    internal override DbConnection OpenForHistory() => OpenSqlite($" PRAGMA cache_size = -{HistoryCacheKibibytes};");

    internal override Rows Query(DbConnection connection, DbTransaction? tx, string sql, IEnumerable<(string Name, string Value)> parameters) =>
        new SqliteRows((SqliteConnection)connection, sql, parameters);

    /// <summary>Beside the database file, one per set of regions: <c>statsingest.db-latest-广东省.cache</c> (a hash of the names when several, <c>all</c> for every region).</summary>
    internal override LatestIndexCache LatestIndexCache(IReadOnlyCollection<string>? regions) => new($"{DatabasePath}-latest-{Scope(regions)}.cache");

    private static string Scope(IReadOnlyCollection<string>? regions)
    {
        if (regions is null)
        {
            return "all";
        }

        var one = regions.Count == 1 ? regions.First() : null;
        return one is not null && one.All(char.IsLetterOrDigit) ? one
            : Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(string.Join('\n', regions.Order(StringComparer.Ordinal)))));
    }

    internal override FileStaging Stage(DbConnection connection, DbTransaction tx) => new SqliteStaging((SqliteConnection)connection, tx);

    /// <summary>sqlite3_interrupt: the running statement ends with SQLITE_INTERRUPT (a no-op when none runs).</summary>
    internal override void Interrupt(DbConnection connection) => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)connection).Handle);

    /// <param name="pragmas">More settings of the connection, after those of every connection.</param>
    private SqliteConnection OpenSqlite(string pragmas = "")
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyMilliseconds};{pragmas}";
        cmd.ExecuteNonQuery();
        return c;
    }
}
