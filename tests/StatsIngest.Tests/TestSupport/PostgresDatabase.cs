using Npgsql;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// A database of its own in the PostgreSQL cluster that .ci/run starts (STATSINGEST_TEST_POSTGRES), dropped at the end.
/// Where no cluster runs, the test is reported as skipped with the reason.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string Variable = "STATSINGEST_TEST_POSTGRES";
    private readonly string _server;
    private readonly string _name = "statsingest_test_" + Guid.NewGuid().ToString("N")[..12];

    private PostgresDatabase(string server)
    {
        _server = server;
        Execute(_server, $"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name, Pooling = false }.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>A new database, or the test skipped when STATSINGEST_TEST_POSTGRES is not set (.ci/run sets it).</summary>
    public static PostgresDatabase Create()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(server), $"no PostgreSQL here: {Variable} is not set (.ci/run starts a throwaway cluster and sets it)");
        return new PostgresDatabase(server!);
    }

    public object? Scalar(string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    public void Execute(string sql) => Execute(ConnectionString, sql);

    public void Dispose() => Execute(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private static void Execute(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}
