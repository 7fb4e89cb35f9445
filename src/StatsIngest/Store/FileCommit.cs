using System.Globalization;
using Microsoft.Data.Sqlite;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Read;

namespace StatsIngest.Store;

/// <summary>
/// One file's observations on their way into the store, inside the caller's transaction: staged as they come into a
/// temporary table through one statement prepared once and bound by position (series ids looked up once each and
/// cached; Microsoft.Data.Sqlite's per-call binding by name cost more than the insert itself), then — once the
/// file is read — checked for a series and period given twice with different values, and inserted as one set: a series
/// new to the store directly, any other compared with the latest vintage of its period (a value that did not change
/// adds nothing). Nothing is held per observation in memory.
/// </summary>
internal sealed class FileCommit : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<SeriesKey, long> _series = [];
    private readonly SqliteCommand _findSeries;
    private readonly SqliteCommand _insertSeries;
    private readonly RawStatement _stage;
    private bool _indexed;

    public FileCommit(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        Execute("""
            CREATE TEMP TABLE IF NOT EXISTS incoming (
                seq INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, period TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
                status TEXT NOT NULL, sheet TEXT NOT NULL, cell TEXT NOT NULL, raw_text TEXT NOT NULL, label TEXT NOT NULL,
                flags TEXT NOT NULL, unit_factor REAL NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS new_series (id INTEGER PRIMARY KEY);
            DROP INDEX IF EXISTS temp.incoming_key;
            DELETE FROM temp.incoming;
            DELETE FROM temp.new_series;
            """);
        _findSeries = Prepared("SELECT id FROM series WHERE indicator = $i AND region = $r AND industry = $n AND basis = $b AND measure = $m", "$i", "$r", "$n", "$b", "$m");
        _insertSeries = Prepared("INSERT INTO series (indicator, region, industry, basis, measure) VALUES ($i, $r, $n, $b, $m) RETURNING id", "$i", "$r", "$n", "$b", "$m");
        _stage = new RawStatement(connection, """
            INSERT INTO temp.incoming (series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
    }

    /// <summary>How many observations were staged (a series and period given twice counts twice).</summary>
    public int Staged { get; private set; }

    /// <summary>Stages an observation. The store's staging says nothing back: a series and period given twice is found by <see cref="Conflicts"/>.</summary>
    public Observation? Add(Observation o)
    {
        _stage.Bind(1, SeriesId(o.Key));
        _stage.Bind(2, o.Period.Code);
        _stage.Bind(3, o.Value);
        _stage.Bind(4, o.Unit);
        _stage.Bind(5, Codes.Of(o.Status));
        _stage.Bind(6, o.Source.Sheet);
        _stage.Bind(7, o.Source.Cell);
        _stage.Bind(8, o.Source.RawText);
        _stage.Bind(9, o.Label);
        _stage.Bind(10, Codes.Of(o.Flags));
        _stage.Bind(11, o.UnitFactor);
        _stage.Run();
        Staged++;
        return null;
    }

    /// <summary>The cells that give a series and period this file already gave with another value (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<Problem> Conflicts(int max)
    {
        Index();
        using var cmd = Command("""
            SELECT i.sheet, i.cell, i.raw_text, f.sheet, f.cell, f.raw_text, s.indicator, s.region, s.industry, s.basis, s.measure, i.period
            FROM temp.incoming i
            JOIN temp.incoming f ON f.seq = (SELECT MIN(seq) FROM temp.incoming WHERE series_id = i.series_id AND period = i.period)
            JOIN series s ON s.id = i.series_id
            WHERE i.seq <> f.seq AND NOT (i.value IS f.value AND i.unit = f.unit)
            ORDER BY i.seq LIMIT $max
            """);
        cmd.Parameters.AddWithValue("$max", max);
        using var r = cmd.ExecuteReader();
        var problems = new List<Problem>();
        while (r.Read())
        {
            var cell = CellReference.FromA1(r.GetString(1));
            var key = $"{r.GetString(6)}.{r.GetString(7)}.{r.GetString(8)}.{r.GetString(9)}.{r.GetString(10)}";
            problems.Add(Problem.Error(
                $"This cell gives {key} {r.GetString(11)} as '{r.GetString(2)}', but {r.GetString(3)}!{r.GetString(4)} gives '{r.GetString(5)}' for the same series and period. " +
                "Expected one value per series and period in a file.", r.GetString(0), cell.Row, cell.Column, r.GetString(2)));
        }

        return problems;
    }

    /// <summary>
    /// Inserts, in the order staged and the first of each series and period only, the observations of series new to the
    /// store, and the others whose value, unit or status differ from the latest vintage of their series and period
    /// (within one file's readings when <paramref name="lineage"/> is given); returns how many.
    /// </summary>
    public int Finish(long fileId, long? lineage)
    {
        Index();
        using var insert = Command($"""
            INSERT INTO observations (series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT i.series_id, i.period, i.value, i.unit, i.status, $file, i.sheet, i.cell, i.raw_text, i.label, i.flags, i.unit_factor
            FROM temp.incoming i
            WHERE i.seq = (SELECT MIN(seq) FROM temp.incoming d WHERE d.series_id = i.series_id AND d.period = i.period)
              AND (i.series_id IN (SELECT id FROM temp.new_series) OR NOT EXISTS (
                SELECT 1 FROM observations l WHERE l.id = (
                    SELECT o.id FROM observations o JOIN files f ON f.id = o.file_id
                    WHERE o.series_id = i.series_id AND o.period = i.period AND o.file_id <> $file
                      AND ($lineage IS NULL OR {ObservationStore.VintageOrder} = $lineage)
                    ORDER BY {ObservationStore.VintageOrder} DESC, o.file_id DESC, o.id DESC LIMIT 1)
                  AND l.value IS i.value AND l.unit = i.unit AND l.status = i.status))
            ORDER BY i.seq
            """);
        insert.Parameters.AddWithValue("$file", fileId);
        insert.Parameters.AddWithValue("$lineage", (object?)lineage ?? DBNull.Value);
        var added = insert.ExecuteNonQuery();
        Execute("DROP INDEX IF EXISTS temp.incoming_key; DELETE FROM temp.incoming; DELETE FROM temp.new_series;");
        _indexed = false;
        return added;
    }

    /// <summary>How many distinct series and periods were staged (the file's observations, each once).</summary>
    public int Distinct()
    {
        Index();
        using var cmd = Command("SELECT COUNT(*) FROM (SELECT 1 FROM temp.incoming GROUP BY series_id, period)");
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _findSeries.Dispose();
        _insertSeries.Dispose();
        _stage.Dispose();
    }

    private void Index()
    {
        if (!_indexed)
        {
            Execute("CREATE INDEX IF NOT EXISTS temp.incoming_key ON incoming (series_id, period, seq)");
            _indexed = true;
        }
    }

    /// <summary>The series' id, created (and noted as new, so its rows need no comparison) when the store does not have it.</summary>
    private long SeriesId(SeriesKey key)
    {
        if (_series.TryGetValue(key, out var id))
        {
            return id;
        }

        if (Run(_findSeries, key) is long found)
        {
            return _series[key] = found;
        }

        id = (long)Run(_insertSeries, key)!;
        using (var mark = Command("INSERT INTO temp.new_series (id) VALUES ($id)"))
        {
            mark.Parameters.AddWithValue("$id", id);
            mark.ExecuteNonQuery();
        }

        return _series[key] = id;
    }

    private static object? Run(SqliteCommand cmd, SeriesKey key)
    {
        var p = cmd.Parameters;
        p[0].Value = key.Indicator;
        p[1].Value = key.Region;
        p[2].Value = key.Industry;
        p[3].Value = Codes.Of(key.Basis);
        p[4].Value = Codes.Of(key.Measure);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Prepared(string sql, params string[] names)
    {
        var cmd = Command(sql);
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        cmd.Prepare();
        return cmd;
    }

    private SqliteCommand Command(string sql) => ObservationStore.Command(_connection, _transaction, sql);

    private void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }
}
