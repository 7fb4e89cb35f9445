using Microsoft.Data.Sqlite;
using Npgsql;

namespace StatsIngest.Ingest;

/// <summary>
/// Tells a passing fault from a bad file. A locked or busy database, a full disk, a file system that refuses a write
/// for now, a share that went away: the file is good and is tried again later. Anything else that is not a problem of
/// the file's content is a bug of ours, reported as such.
/// </summary>
public static class Faults
{
    private const int DiskFullWindows = 0x70;
    private const int HandleDiskFull = 0x27;
    private const int SharingViolation = 0x20;
    private const int LockViolation = 0x21;
    private const string DiskFullState = "53100";

    public static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14, // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN
        PostgresException p => p.IsTransient || p.SqlState is DiskFullState or "57014", // …, query cancelled (a lock waited too long)
        NpgsqlException n => n.IsTransient,
        UnauthorizedAccessException => true,
        StatsIngest.Domain.ContentLeasedException => true,
        DirectoryNotFoundException => true,
        IOException io => IsDiskFull(io) || (io.HResult & 0xFFFF) is SharingViolation or LockViolation || io is not FileNotFoundException,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => ex.InnerException is { } inner && IsTransient(inner),
    };

    public static bool IsDiskFull(Exception ex) =>
        ex is IOException io && ((io.HResult & 0xFFFF) is DiskFullWindows or HandleDiskFull || io.HResult == 28 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
        || (ex is SqliteException s && s.SqliteErrorCode == 13)
        || (ex is PostgresException { SqlState: DiskFullState });

    /// <summary>The fault in words for the log, the health check and the operator's page.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        _ when IsDiskFull(ex) => "the disk is full",
        SqliteException { SqliteErrorCode: 5 or 6 } => "the database is locked by another process",
        SqliteException { SqliteErrorCode: 8 } => "the database is read-only",
        NpgsqlException { IsTransient: true } => "the database does not answer: " + ex.Message,
        UnauthorizedAccessException => "access was denied: " + ex.Message,
        _ => ex.Message,
    };
}
