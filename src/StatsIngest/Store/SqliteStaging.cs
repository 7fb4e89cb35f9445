using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// SQLite's staging: each observation inserted into <c>temp.incoming</c> through one statement prepared once and bound
/// by position (Microsoft.Data.Sqlite's per-call binding by name cost more than the insert itself), its series id
/// looked up once and cached — a series the store does not have is created and noted in <c>temp.new_series</c> (these statements too prepared once, bound by position).
/// A big file whose rows so far are all of series new to the store (a first load, a new source) is written straight
/// into <c>observations</c> while it is read, by the staging's thread (see <see cref="StartWriting"/>); <c>incoming</c>
/// then holds only what it staged after a row of a series the store had (and, once sealed, the rows written that give a
/// series and period twice: <see cref="Sealed"/>).
/// </summary>
internal sealed class SqliteStaging : FileStaging
{
    private readonly Dictionary<SeriesKey, (long Id, bool New)> _series = [];
    private readonly RawStatement _findSeries;
    private readonly RawStatement _insertSeries;
    private readonly RawStatement _markNew;
    private readonly RawStatement _stage;

    /// <summary>How many rows of series new to the store, staged first, make a file one written into <c>observations</c> while it is read.</summary>
    internal const int BulkRows = 50_000;

    /// <summary>Rows written into <c>observations</c> by one statement (each binds <see cref="WrittenColumns"/> parameters).</summary>
    private const int WriteRows = 32;

    private const int WrittenColumns = 13;

    private readonly (Observation O, long SeriesId, string Period, long Seq)[] _pending = new (Observation, long, string, long)[WriteRows];
    private int _pendingCount;
    private RawStatement? _write;
    private RawStatement? _writeOne;
    private bool _restStaged;
    private readonly RepeatWatch _watch = new();

    private bool _allNew = true;
    private long _flushed; // the rows staged up to this place in the file are in observations (ids _base + seq)
    private long _base;
    private long? _fileId;
    private List<(string Name, string Sql)>? _dropped;

    // A file's rows repeat their periods and flags: formatted once each.
    private readonly Dictionary<ReportingPeriod, string> _periods = [];
    private readonly Dictionary<ObservationFlags, string> _flags = [];

    public SqliteStaging(SqliteConnection connection, DbTransaction transaction)
        : base(connection, transaction)
    {
        Sql.Execute(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS incoming (
                seq INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, period TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
                status TEXT NOT NULL, sheet TEXT NOT NULL, cell TEXT NOT NULL, raw_text TEXT NOT NULL, label TEXT NOT NULL,
                flags TEXT NOT NULL, unit_factor REAL NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS new_series (id INTEGER PRIMARY KEY);
            """);
        Clear();
        _findSeries = new RawStatement(connection, "SELECT id FROM series WHERE indicator = ?1 AND region = ?2 AND industry = ?3 AND basis = ?4 AND measure = ?5");
        _insertSeries = new RawStatement(connection, "INSERT INTO series (indicator, region, industry, basis, measure) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
        _markNew = new RawStatement(connection, "INSERT INTO temp.new_series (id) VALUES (?1)");
        _stage = new RawStatement(connection, """
            INSERT INTO temp.incoming (series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor, seq)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """);
    }

    public override void Add(Observation o)
    {
        var (seriesId, isNew) = Series(o.Key);
        _allNew &= isNew;
        var period = _periods.GetOrAdd(o.Period, static p => p.Code);
        _watch.Add(seriesId, period);
        if (_write is not null && _allNew)
        {
            WriteEarly(o, seriesId, period);
            return;
        }

        WritePending();
        Bind(_stage, o, seriesId, period, 0);
        _stage.Bind(12, (long)Staged + 1);
        _stage.Run();
        Staged++;
        if (_allNew && WritesEarly && Staged >= BulkRows)
        {
            StartWriting();
        }
    }

    /// <summary>
    /// Writes a row of a series new to the store (nothing to compare) straight into <c>observations</c> once
    /// <see cref="StartWriting"/> began, <see cref="WriteRows"/> rows to a statement (one statement a row cost twice the
    /// time: SQLite's work at each statement's start and end, with a table that has an index and foreign keys).
    /// </summary>
    private void WriteEarly(Observation o, long seriesId, string period)
    {
        _pending[_pendingCount++] = (o, seriesId, period, (long)Staged + 1);
        Staged++;
        if (_pendingCount == WriteRows)
        {
            WritePending();
        }
    }

    /// <summary>Writes the rows <see cref="WriteEarly"/> holds (before a row is staged, and when the staging ends).</summary>
    private void WritePending()
    {
        if (_pendingCount == 0)
        {
            return;
        }

        var (statement, perRun) = _pendingCount == WriteRows ? (_write!, WriteRows) : (_writeOne!, 1);
        for (var start = 0; start < _pendingCount; start += perRun)
        {
            for (var k = 0; k < perRun; k++)
            {
                var (o, seriesId, period, seq) = _pending[start + k];
                var shift = k * WrittenColumns;
                statement.Bind(shift + 1, _base + seq);
                Bind(statement, o, seriesId, period, shift + 1);
                statement.Bind(shift + WrittenColumns, _fileId!.Value);
            }

            statement.Run();
        }

        _flushed = _pending[_pendingCount - 1].Seq;
        Array.Clear(_pending);
        _pendingCount = 0;
    }

    /// <summary>Binds an observation's columns in the order of <c>incoming</c>'s insert, from parameter 1 + <paramref name="shift"/>.</summary>
    private void Bind(RawStatement statement, Observation o, long seriesId, string period, int shift)
    {
        statement.Bind(1 + shift, seriesId);
        statement.BindRepeated(2 + shift, period);
        statement.Bind(3 + shift, o.Value);
        statement.BindRepeated(4 + shift, o.Unit);
        statement.BindRepeated(5 + shift, Codes.Of(o.Status));
        statement.BindRepeated(6 + shift, o.Source.Sheet);
        statement.Bind(7 + shift, o.Source.Cell);
        statement.Bind(8 + shift, o.Source.RawText);
        statement.BindRepeated(9 + shift, o.Label);
        statement.BindRepeated(10 + shift, _flags.GetOrAdd(o.Flags, static f => Codes.Of(f)));
        statement.Bind(11 + shift, o.UnitFactor);
    }

    /// <summary>The file's id, reserved when rows were written into <c>observations</c> before the commit.</summary>
    public override long? ReservedFileId => _fileId;

    /// <summary>
    /// Makes this file's rows go straight into <c>observations</c> (<see cref="WriteEarly"/>) once it staged
    /// <see cref="BulkRows"/> rows all of series new to the store (a first load, a new source): those rows copied there
    /// and out of <c>incoming</c>, with the ids the store's largest id plus their place in the file, under the file's
    /// id — reserved by a row of <c>files</c> the commit completes. Into a store holding no more rows than the file
    /// gave so far (a first load) the full indexes of <c>observations</c> are dropped first (a partial one of few rows
    /// stays): they are made again once, sorted, when the staging ends (<see cref="Complete"/>) instead of placing each
    /// row. All inside the file's transaction: a refused or failed file leaves nothing of it, indexes as they were;
    /// other connections see the old ones until the commit.
    /// </summary>
    private void StartWriting()
    {
        _fileId = Sql.Int64(Connection, Transaction, """
            INSERT INTO files (sha256, file_name, size_bytes, ingested_at, format, layout, rows_read, observations_added,
                               observations_unchanged, warnings, notes, archive_path)
            VALUES ('', '', 0, '', '', '', 0, 0, 0, '', '', '') RETURNING id
            """);
        _base = Sql.Int64(Connection, Transaction, "SELECT COALESCE(MAX(id), 0) FROM observations");
        if (_base <= Staged)
        {
            DropIndexes();
        }

        using var copy = Sql.Command(Connection, Transaction, """
            INSERT INTO observations (id, series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT @base + seq, series_id, period, value, unit, status, @file, sheet, cell, raw_text, label, flags, unit_factor
            FROM incoming ORDER BY seq
            """).With("@base", _base).With("@file", _fileId);
        copy.ExecuteNonQuery();
        Sql.Execute(Connection, Transaction, "DELETE FROM temp.incoming");
        _flushed = Staged;

        // For each row: id, the columns in the order of Bind, file_id.
        static string Row(int k) => "(" + string.Join(", ", Enumerable.Range((k * WrittenColumns) + 1, WrittenColumns).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture))) + ")";
        const string InsertInto = "INSERT INTO observations (id, series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor, file_id) VALUES ";
        _write = new RawStatement((SqliteConnection)Connection, InsertInto + string.Join(", ", Enumerable.Range(0, WriteRows).Select(Row)));
        _writeOne = new RawStatement((SqliteConnection)Connection, InsertInto + Row(0));
    }

    /// <summary>
    /// The keys of every row staged: those written into <c>observations</c> (up to <c>_flushed</c>, under ids from
    /// <c>_base</c>) and those still in <c>incoming</c> — only the first when <c>incoming</c> is empty (a first load's
    /// usual case), so that repeats are found in the order of the index made again (<see cref="Complete"/>) — the ids
    /// tested on its entries (<c>+id</c>: not a range of the table, which would sort every row).
    /// </summary>
    protected override string StagedKeys => _flushed == 0 ? base.StagedKeys : $"""
        (SELECT id - {_base} AS seq, series_id, period FROM observations WHERE +id > {_base} AND +id <= {_base + _flushed}{(_restStaged ? " UNION ALL SELECT seq, series_id, period FROM temp.incoming" : string.Empty)})
        """;

    /// <summary>A big file's rows in the order of its periods or of its series, each once (<see cref="RepeatWatch"/>), need no search for repeats.</summary>
    protected override bool MayRepeat => _watch.MayRepeat;

    /// <summary>
    /// Brings back into <c>incoming</c> the rows written into <c>observations</c> that give a series and period the file
    /// gives more than once (<c>repeated</c>, usually none): the conflict check names their cells and compares their
    /// values there, and <see cref="KeepFlushed"/> removes the later ones.
    /// </summary>
    protected override void Sealed()
    {
        if (_flushed == 0 || Sql.Int64(Connection, Transaction, "SELECT COUNT(*) FROM temp.repeated") == 0)
        {
            return;
        }

        using var back = Sql.Command(Connection, Transaction, """
            INSERT INTO temp.incoming (seq, series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT o.id - @base, o.series_id, o.period, o.value, o.unit, o.status, o.sheet, o.cell, o.raw_text, o.label, o.flags, o.unit_factor
            FROM observations o
            WHERE o.id > @base AND o.id <= @base + @flushed AND (o.series_id, o.period) IN (SELECT series_id, period FROM temp.repeated)
            """).With("@base", _base).With("@flushed", _flushed);
        back.ExecuteNonQuery();
    }

    /// <summary>Removes the later repeats of a series and period among the rows already written (the first stays, as in <see cref="FileStaging.Finish"/>).</summary>
    protected override (long UpTo, int Kept) KeepFlushed()
    {
        if (_flushed == 0)
        {
            return (0, 0);
        }

        using var remove = Sql.Command(Connection, Transaction, """
            DELETE FROM observations WHERE id IN (
                SELECT @base + i.seq FROM repeated d JOIN incoming i ON i.series_id = d.series_id AND i.period = d.period
                WHERE i.seq <= @flushed AND i.seq <> d.first)
            """).With("@base", _base).With("@flushed", _flushed);
        return (_flushed, (int)_flushed - remove.ExecuteNonQuery());
    }

    public override void Dispose()
    {
        _findSeries.Dispose();
        _insertSeries.Dispose();
        _markNew.Dispose();
        _stage.Dispose();
        _write?.Dispose();
        _writeOne?.Dispose();
    }

    /// <summary>
    /// Makes <c>incoming</c>'s index; once rows were written into <c>observations</c>, the indexes a first load dropped
    /// are made again first: the search for repeats among those rows and the commit's comparisons then use them.
    /// </summary>
    protected override void Complete()
    {
        WritePending();
        if (_flushed != 0)
        {
            RestoreIndexes();
            _restStaged = Sql.Int64(Connection, Transaction, "SELECT EXISTS (SELECT 1 FROM temp.incoming)") != 0;
        }

        Sql.Execute(Connection, Transaction, "CREATE INDEX IF NOT EXISTS temp.incoming_key ON incoming (series_id, period, seq)");
    }

    protected override void Clear() =>
        Sql.Execute(Connection, Transaction, "DROP INDEX IF EXISTS temp.incoming_key; DROP TABLE IF EXISTS temp.repeated; DELETE FROM temp.incoming; DELETE FROM temp.new_series;");

    private void DropIndexes()
    {
        _dropped = [];
        using (var read = Sql.Command(Connection, Transaction, """
            SELECT m.name, m.sql, p.partial FROM sqlite_master m JOIN pragma_index_list('observations') p ON p.name = m.name
            WHERE m.type = 'index' AND m.tbl_name = 'observations' AND m.sql IS NOT NULL
            """))
        using (var r = read.ExecuteReader())
        {
            while (r.Read())
            {
                if (r.GetInt64(2) == 0 || !FewIn(r.GetString(1)))
                {
                    _dropped.Add((r.GetString(0), r.GetString(1)));
                }
            }
        }

        foreach (var (name, _) in _dropped)
        {
            Sql.Execute(Connection, Transaction, $"DROP INDEX \"{name}\"");
        }
    }

    /// <summary>
    /// Whether at most 1% of the rows staged so far fall in the partial index <paramref name="sql"/> makes (the flagged
    /// rows': 其中 rows, derived growth rates). Such an index stays through a first load — it takes its few rows as
    /// they come, where making it again is one more pass over the whole table (0.9 s at 10M rows); one that would hold
    /// most rows (a file of indices, every growth rate derived) is dropped and made again, sorted, as the others are.
    /// The staging's columns have the names of the table's, so the index's own condition counts them.
    /// </summary>
    private bool FewIn(string sql)
    {
        var where = sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return where >= 0 && Sql.Int64(Connection, Transaction, $"SELECT COUNT(*) FROM temp.incoming WHERE {sql[(where + 7)..]}") * 100 <= Staged;
    }

    private void RestoreIndexes()
    {
        foreach (var (_, sql) in _dropped ?? [])
        {
            Sql.Execute(Connection, Transaction, sql);
        }

        _dropped = null;
    }

    /// <summary>The series' id and whether this file created it (created and noted as new, so its rows need no comparison, when the store does not have it).</summary>
    private (long Id, bool New) Series(SeriesKey key)
    {
        if (_series.TryGetValue(key, out var known))
        {
            return known;
        }

        if (Run(_findSeries, key) is long found)
        {
            return _series[key] = (found, false);
        }

        var id = Run(_insertSeries, key) ?? throw new InvalidOperationException("The series was not created.");
        _markNew.Bind(1, id);
        _markNew.Run();
        return _series[key] = (id, true);
    }

    private static long? Run(RawStatement statement, SeriesKey key)
    {
        statement.Bind(1, key.Indicator);
        statement.Bind(2, key.Region);
        statement.Bind(3, key.Industry);
        statement.Bind(4, Codes.Of(key.Basis));
        statement.Bind(5, Codes.Of(key.Measure));
        return statement.Int64Scalar();
    }
}
