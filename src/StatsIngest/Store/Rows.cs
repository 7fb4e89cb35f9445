using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace StatsIngest.Store;

/// <summary>
/// The rows of one query read column by column by position — on SQLite straight from the statement (<see cref="SqliteRows"/>),
/// elsewhere through the provider's data reader. A text that many rows repeat (a period, a unit, a sheet, a label) is
/// read through <see cref="Shared"/>: one string for all of them, so that reading a region's history allocates per
/// distinct text, not per row.
/// </summary>
internal abstract class Rows : IDisposable
{
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    /// <summary>Moves to the next row: false when none is left.</summary>
    public abstract bool Read();

    public abstract bool IsNull(int column);

    public abstract long Int64(int column);

    public abstract double Double(int column);

    public abstract string Text(int column);

    /// <summary>The column's text, the same instance for every row that holds the same text.</summary>
    public abstract string Shared(int column);

    public abstract void Dispose();

    protected string Intern(ReadOnlySpan<char> text)
    {
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var shared))
        {
            shared = text.ToString();
            _shared.Add(shared, shared);
        }

        return shared;
    }
}

/// <summary>A query's rows through the provider's data reader (PostgreSQL).</summary>
internal sealed class ReaderRows : Rows
{
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;

    public ReaderRows(DbCommand command)
    {
        _command = command;
        try
        {
            _reader = command.ExecuteReader();
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    public override bool Read() => _reader.Read();

    public override bool IsNull(int column) => _reader.IsDBNull(column);

    public override long Int64(int column) => _reader.GetInt64(column);

    public override double Double(int column) => _reader.GetDouble(column);

    public override string Text(int column) => _reader.GetString(column);

    public override string Shared(int column) => Intern(_reader.GetString(column));

    public override void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}

/// <summary>A query's rows stepped on SQLite's own statement (<see cref="RawStatement"/>): a shared text is looked up without allocating.</summary>
internal sealed class SqliteRows : Rows
{
    private const int ShortText = 256;
    private readonly RawStatement _statement;
    private LastText?[]? _last;

    public SqliteRows(SqliteConnection connection, string sql, IEnumerable<(string Name, string Value)> parameters)
    {
        _statement = new RawStatement(connection, sql);
        try
        {
            foreach (var (name, value) in parameters)
            {
                _statement.Bind(_statement.Parameter(name), value);
            }
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    public override bool Read() => _statement.Next();

    public override bool IsNull(int column) => _statement.IsNull(column);

    public override long Int64(int column) => _statement.Int64(column);

    public override double Double(int column) => _statement.Double(column);

    public override string Text(int column) => Encoding.UTF8.GetString(_statement.Utf8(column));

    /// <summary>
    /// The column's text shared (<see cref="Rows.Shared"/>): a text equal to the one the column held in the row before is
    /// that string again without a lookup (a series' rows repeat their unit, status, sheet and flags row after row).
    /// </summary>
    public override string Shared(int column)
    {
        var bytes = _statement.Utf8(column);
        if (bytes.Length > ShortText)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var last = (_last ??= new LastText[_statement.ColumnCount])[column] ??= new LastText();
        if (last.Text is not null && bytes.SequenceEqual(last.Bytes.AsSpan(0, last.Length)))
        {
            return last.Text;
        }

        Span<char> chars = stackalloc char[ShortText];
        last.Text = Intern(chars[..Encoding.UTF8.GetChars(bytes, chars)]);
        bytes.CopyTo(last.Bytes);
        last.Length = bytes.Length;
        return last.Text;
    }

    /// <summary>A column's text in the row before, as SQLite held it and as shared.</summary>
    private sealed class LastText
    {
        public byte[] Bytes { get; } = new byte[ShortText];

        public int Length { get; set; }

        public string? Text { get; set; }
    }

    public override void Dispose() => _statement.Dispose();
}
