using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StatsIngest.Store;

/// <summary>
/// One statement prepared once on the connection's own SQLite handle and bound by position, for a hot loop that runs it
/// once per observation (Microsoft.Data.Sqlite looks every parameter up by name on each call, which costs more than the
/// insert), or a query whose many rows are read column by column without the data reader's checks and conversions
/// (<see cref="SqliteRows"/>). Runs in whatever transaction the connection is in; errors surface as <see cref="SqliteException"/>.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _utf8 = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void Bind(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Binds a text through a buffer the statement keeps (SQLite copies the bytes): no allocation per value.</summary>
    public void Bind(int index, string value)
    {
        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_stmt, index, value)); // an empty span would bind NULL
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        Check(raw.sqlite3_bind_text(_stmt, index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, _utf8))));
    }

    /// <summary>The position of the parameter named <paramref name="name"/> (<c>@name</c>), for binding.</summary>
    public int Parameter(string name) =>
        raw.sqlite3_bind_parameter_index(_stmt, name) is > 0 and var index ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    /// <summary>Steps a query to its next row: false when none is left.</summary>
    public bool Next()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    /// <summary>How many columns a row of the query has.</summary>
    public int ColumnCount => raw.sqlite3_column_count(_stmt);

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public double Double(int column) => raw.sqlite3_column_double(_stmt, column);

    /// <summary>The column's text as SQLite holds it (UTF-8), valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_stmt, column);

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
