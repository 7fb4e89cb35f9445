using Microsoft.Data.Sqlite;
using StatsIngest.Collect;

namespace StatsIngest.Tests.TestSupport;

/// <summary>The store of a running service read beside it (read-only, never in its way): what fault tests check.</summary>
public sealed record StoreProbe(HashSet<string> DeliveredNames, Dictionary<string, int> IngestedShas, long Observations, string Integrity)
{
    public static StoreProbe Read(DataFolders folders)
    {
        if (!File.Exists(folders.DatabasePath))
        {
            return new StoreProbe([], [], 0, "no database");
        }

        using var c = new SqliteConnection($"Data Source={folders.DatabasePath};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        c.Open();
        var names = new HashSet<string>(StringComparer.Ordinal);
        Each(c, "SELECT DISTINCT file_name FROM deliveries", r => names.Add(r.GetString(0)));
        var shas = new Dictionary<string, int>(StringComparer.Ordinal);
        Each(c, "SELECT sha256, COUNT(*) FROM files WHERE reason = 'ingested' GROUP BY sha256", r => shas[r.GetString(0)] = r.GetInt32(1));
        return new StoreProbe(names, shas, Scalar<long>(c, "SELECT COUNT(*) FROM observations"), Scalar<string>(c, "PRAGMA integrity_check"));
    }

    /// <summary>Outcome by file name, the last delivery of each name.</summary>
    public static Dictionary<string, string> Outcomes(DataFolders folders)
    {
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var c = new SqliteConnection($"Data Source={folders.DatabasePath};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        c.Open();
        Each(c, "SELECT file_name, outcome FROM deliveries ORDER BY id", r => outcomes[r.GetString(0)] = r.GetString(1));
        return outcomes;
    }

    private static void Each(SqliteConnection c, string sql, Action<SqliteDataReader> row)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    private static T Scalar<T>(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
