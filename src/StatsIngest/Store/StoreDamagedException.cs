using Microsoft.Data.Sqlite;

namespace StatsIngest.Store;

/// <summary>
/// The database itself is damaged or is not a StatsIngest database: no file is to blame and no retry helps. The
/// service stops (files wait where they are) and says what to do; a command exits with one line.
/// </summary>
public sealed class StoreDamagedException(string databasePath, Exception inner)
    : Exception(
        $"the database {databasePath} is damaged or is not a StatsIngest database ({inner.Message}). Nothing was changed and the files wait where they are. " +
        "Restore the database from a backup, or move it aside to start a new one (every file ingested so far is kept in the archive folder and can be ingested again).",
        inner)
{
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    /// <summary>True for SQLite's "database disk image is malformed" and "file is not a database", or this exception.</summary>
    public static bool Is(Exception ex) => ex switch
    {
        StoreDamagedException => true,
        SqliteException s => s.SqliteErrorCode is Corrupt or NotADatabase,
        _ => ex.InnerException is { } inner && Is(inner),
    };
}
