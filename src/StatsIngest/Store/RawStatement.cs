using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StatsIngest.Store;

/// <summary>
/// One statement prepared once on the connection's own SQLite handle and bound by position, for a hot loop that runs it
/// once per observation: Microsoft.Data.Sqlite looks every parameter up by name on each call, which costs more than the
/// insert. Runs in whatever transaction the connection is in; errors surface as <see cref="SqliteException"/>.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void Bind(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_stmt, index, value));

    /// <summary>Runs the statement once (it returns no rows) and makes it ready for the next binding.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
