using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StatsIngest.Store;

/// <summary>
/// One statement prepared once on the connection's own SQLite handle and bound by position, for a hot loop that runs it
/// once per observation (Microsoft.Data.Sqlite looks every parameter up by name on each call, which costs more than the
/// insert), or a query whose many rows are read column by column without the data reader's checks and conversions
/// (<see cref="SqliteRows"/>). Runs in whatever transaction the connection is in; errors surface as <see cref="SqliteException"/>.
/// A row's columns are read and values bound through SQLite's own entry points (<see cref="Native"/>), not SQLitePCL's, which
/// add and release a reference to the statement's handle on every call.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _handle;
    private byte[] _utf8 = new byte[256];
    private byte[] _column = new byte[256];
    private readonly string?[] _bound;
    private readonly byte[]?[] _texts; // each parameter's text, in a pinned array SQLite reads in place (SQLITE_STATIC)

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
        _handle = _stmt.DangerousGetHandle(); // valid while _stmt is, which this statement owns and disposes
        _bound = new string?[raw.sqlite3_bind_parameter_count(_stmt) + 1];
        _texts = new byte[]?[_bound.Length];
    }

    public void Bind(int index, long value) => Check(Native.sqlite3_bind_int64(_handle, index, value));

    public void Bind(int index, double value) => Check(Native.sqlite3_bind_double(_handle, index, value));

    public void Bind(int index, double? value) =>
        Check(value is { } v ? Native.sqlite3_bind_double(_handle, index, v) : Native.sqlite3_bind_null(_handle, index));

    /// <summary>
    /// Binds a text from the parameter's own pinned array, which SQLite reads in place (SQLITE_STATIC: no copy of its
    /// own, no allocation per value): the array holds the text until the parameter is bound again or the statement is
    /// disposed, as SQLite requires; a larger one replaces it after the new binding.
    /// </summary>
    public void Bind(int index, string value)
    {
        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_stmt, index, value)); // an empty span would bind NULL
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        var text = _texts[index] is { } held && held.Length >= most ? held : GC.AllocateUninitializedArray<byte>(Math.Max(most, 64), pinned: true);
        var length = Encoding.UTF8.GetBytes(value, text);
        Check(Native.sqlite3_bind_text_static(_handle, index, Marshal.UnsafeAddrOfPinnedArrayElement(text, 0), length, IntPtr.Zero));
        _texts[index] = text; // the array replaced (if it was) is no longer SQLite's: it holds the new one's address
    }

    /// <summary>
    /// Binds a text that most runs share with the run before only when it changed: SQLite keeps a statement's bindings
    /// from one run to the next. A parameter bound this way is bound this way only.
    /// </summary>
    public void BindRepeated(int index, string value)
    {
        if (!string.Equals(_bound[index], value, StringComparison.Ordinal))
        {
            Bind(index, value);
            _bound[index] = value;
        }
    }

    /// <summary>Binds a text, or NULL for none.</summary>
    public void BindOrNull(int index, string? value)
    {
        if (value is null)
        {
            Check(Native.sqlite3_bind_null(_handle, index));
            return;
        }

        Bind(index, value);
    }

    /// <summary>Binds a text already in UTF-8 (copied into the statement's buffer, then by SQLite).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> text)
    {
        if (text.Length > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(text.Length, _utf8.Length * 2)];
        }

        text.CopyTo(_utf8);
        Check(Native.sqlite3_bind_text(_handle, index, _utf8, text.Length, Native.Transient));
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

    public bool IsNull(int column) => Native.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public long Int64(int column) => Native.sqlite3_column_int64(_handle, column);

    public double Double(int column) => Native.sqlite3_column_double(_handle, column);

    /// <summary>The column's text as SQLite holds it (UTF-8), copied into a buffer the statement keeps: valid until the next call.</summary>
    public ReadOnlySpan<byte> Utf8(int column)
    {
        var text = Native.sqlite3_column_blob(_handle, column); // first the value, then its length (SQLite's order)
        var length = Native.sqlite3_column_bytes(_handle, column);
        if (length == 0)
        {
            return [];
        }

        if (length > _column.Length)
        {
            _column = new byte[Math.Max(length, _column.Length * 2)];
        }

        Marshal.Copy(text, _column, 0, length);
        return _column.AsSpan(0, length);
    }

    /// <summary>Runs a query giving one number (or none) and makes it ready for the next binding: its first column, or null.</summary>
    public long? Int64Scalar()
    {
        try
        {
            return Next() && !IsNull(0) ? Int64(0) : null;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

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

    /// <summary>
    /// SQLite's column accessors and bindings, called on the statement's pointer in the library SQLitePCL loaded (the
    /// same name). Those taking no array make no transition for the collector: each returns at once, never blocks, never
    /// calls back. A text is bound from a pinned array SQLite reads in place (<c>Bind</c>), or copied by SQLite
    /// (<see cref="Transient"/>, <c>BindUtf8</c>).
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        /// <summary>SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.</summary>
        public static readonly IntPtr Transient = new(-1);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_bind_double(IntPtr statement, int index, double value);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_bind_null(IntPtr statement, int index);

        [DllImport(Library)]
        public static extern int sqlite3_bind_text(IntPtr statement, int index, byte[] text, int length, IntPtr destructor);

        /// <summary>A text in a pinned array, bound with SQLITE_STATIC (<c>destructor</c> 0): SQLite keeps the address, copies nothing.</summary>
        [DllImport(Library, EntryPoint = "sqlite3_bind_text"), SuppressGCTransition]
        public static extern int sqlite3_bind_text_static(IntPtr statement, int index, IntPtr text, int length, IntPtr destructor);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_type(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern double sqlite3_column_double(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
