using System.Data.Common;
using Microsoft.Data.Sqlite;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// SQLite's staging: each observation inserted into <c>temp.incoming</c> through one statement prepared once and bound
/// by position (Microsoft.Data.Sqlite's per-call binding by name cost more than the insert itself), its series id
/// looked up once and cached — a series the store does not have is created and noted in <c>temp.new_series</c> (these statements too prepared once, bound by position).
/// A big file whose rows so far are all of series new to the store (a first load, a new source) is written into
/// <c>observations</c> while it is read, <see cref="BulkRows"/> at a time, by the staging's thread (see <see cref="Flush"/>).
/// </summary>
internal sealed class SqliteStaging : FileStaging
{
    private readonly Dictionary<SeriesKey, (long Id, bool New)> _series = [];
    private readonly RawStatement _findSeries;
    private readonly RawStatement _insertSeries;
    private readonly RawStatement _markNew;
    private readonly RawStatement _stage;

    /// <summary>Rows of series new to the store written into <c>observations</c> at a time while the file is read.</summary>
    internal const int BulkRows = 50_000;

    private bool _allNew = true;
    private long _flushed;
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
        _stage.Bind(1, seriesId);
        _stage.BindRepeated(2, _periods.GetOrAdd(o.Period, static p => p.Code));
        _stage.Bind(3, o.Value);
        _stage.BindRepeated(4, o.Unit);
        _stage.BindRepeated(5, Codes.Of(o.Status));
        _stage.BindRepeated(6, o.Source.Sheet);
        _stage.Bind(7, o.Source.Cell);
        _stage.Bind(8, o.Source.RawText);
        _stage.BindRepeated(9, o.Label);
        _stage.BindRepeated(10, _flags.GetOrAdd(o.Flags, static f => Codes.Of(f)));
        _stage.Bind(11, o.UnitFactor);
        _stage.Bind(12, (long)Staged + 1);
        _stage.Run();
        Staged++;
        if (_allNew && WritesEarly && Staged - _flushed >= BulkRows)
        {
            Flush();
        }
    }

    /// <summary>The file's id, reserved when rows were written into <c>observations</c> before the commit.</summary>
    public override long? ReservedFileId => _fileId;

    /// <summary>
    /// Writes the rows staged since the last flush (every one of a series new to the store: nothing to compare) into
    /// <c>observations</c>, with the ids the store's largest id at the first flush plus their place in the file, under
    /// the file's id — reserved by a row of <c>files</c> the commit completes. The first flush into a store holding no
    /// more rows than the file gave so far (a first load) drops the full indexes of <c>observations</c> (a partial one stays): they are made again
    /// once, sorted, at the commit (<see cref="Insert"/>) instead of placing each row. All inside the file's transaction:
    /// a refused or failed file leaves nothing of it, indexes as they were; other connections see the old ones until the commit.
    /// </summary>
    private void Flush()
    {
        if (_fileId is null)
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
        }

        using var flush = Sql.Command(Connection, Transaction, """
            INSERT INTO observations (id, series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT @base + seq, series_id, period, value, unit, status, @file, sheet, cell, raw_text, label, flags, unit_factor
            FROM incoming WHERE seq > @from AND seq <= @to ORDER BY seq
            """).With("@base", _base).With("@file", _fileId).With("@from", _flushed).With("@to", Staged);
        flush.ExecuteNonQuery();
        _flushed = Staged;
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
    }

    protected override void Complete() =>
        Sql.Execute(Connection, Transaction, "CREATE INDEX IF NOT EXISTS temp.incoming_key ON incoming (series_id, period, seq)");

    protected override void Clear() =>
        Sql.Execute(Connection, Transaction, "DROP INDEX IF EXISTS temp.incoming_key; DROP TABLE IF EXISTS temp.repeated; DELETE FROM temp.incoming; DELETE FROM temp.new_series;");

    /// <summary>
    /// Inserts the rows not flushed. With the indexes dropped by a first load: made again before the insert when a row
    /// of a series the store had came (its comparison looks the latest vintage up in them), else after it.
    /// </summary>
    protected override int Insert(DbCommand insert)
    {
        if (_dropped is null || !_allNew)
        {
            RestoreIndexes();
            return insert.ExecuteNonQuery();
        }

        var added = insert.ExecuteNonQuery();
        RestoreIndexes();
        return added;
    }

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
