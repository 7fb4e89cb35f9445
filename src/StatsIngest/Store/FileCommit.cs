using Microsoft.Data.Sqlite;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// One file's observations on their way into the store, inside the caller's transaction: staged as they come into a
/// temporary table (series ids looked up once each and cached, one prepared command whose parameters are reused; one
/// value per series and period, the earlier one handed back when the same comes again), then compared with the latest
/// vintage of each series and period and inserted as one set — a value that did not change adds nothing. Nothing is
/// held per observation in memory.
/// </summary>
internal sealed class FileCommit : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<SeriesKey, long> _series = [];
    private readonly SqliteCommand _upsertSeries;
    private readonly SqliteCommand _stage;
    private readonly SqliteCommand _earlier;

    public FileCommit(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        Execute("""
            CREATE TEMP TABLE IF NOT EXISTS incoming (
                seq INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, period TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
                status TEXT NOT NULL, sheet TEXT NOT NULL, cell TEXT NOT NULL, raw_text TEXT NOT NULL, label TEXT NOT NULL,
                flags TEXT NOT NULL, unit_factor REAL NOT NULL, UNIQUE (series_id, period));
            DELETE FROM temp.incoming;
            """);
        _upsertSeries = Prepared("""
            INSERT INTO series (indicator, region, industry, basis, measure) VALUES ($i, $r, $n, $b, $m)
            ON CONFLICT (indicator, region, industry, basis, measure) DO UPDATE SET indicator = excluded.indicator
            RETURNING id
            """, "$i", "$r", "$n", "$b", "$m");
        _stage = Prepared("""
            INSERT INTO temp.incoming (series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor)
            VALUES ($series, $period, $value, $unit, $status, $sheet, $cell, $raw, $label, $flags, $factor)
            ON CONFLICT (series_id, period) DO NOTHING
            """, "$series", "$period", "$value", "$unit", "$status", "$sheet", "$cell", "$raw", "$label", "$flags", "$factor");
        _earlier = Prepared("SELECT value, unit, sheet, cell, raw_text FROM temp.incoming WHERE series_id = $series AND period = $period", "$series", "$period");
    }

    /// <summary>How many observations were staged.</summary>
    public int Staged { get; private set; }

    /// <summary>Stages an observation, or — when this file already gave its series and period — stages nothing and returns that earlier one.</summary>
    public Observation? Add(Observation o)
    {
        var p = _stage.Parameters;
        p[0].Value = SeriesId(o.Key);
        p[1].Value = o.Period.Code;
        p[2].Value = (object?)o.Value ?? DBNull.Value;
        p[3].Value = o.Unit;
        p[4].Value = Codes.Of(o.Status);
        p[5].Value = o.Source.Sheet;
        p[6].Value = o.Source.Cell;
        p[7].Value = o.Source.RawText;
        p[8].Value = o.Label;
        p[9].Value = Codes.Of(o.Flags);
        p[10].Value = o.UnitFactor;
        if (_stage.ExecuteNonQuery() == 1)
        {
            Staged++;
            return null;
        }

        return Earlier(o, (long)p[0].Value!);
    }

    private Observation Earlier(Observation o, long seriesId)
    {
        _earlier.Parameters[0].Value = seriesId;
        _earlier.Parameters[1].Value = o.Period.Code;
        using var r = _earlier.ExecuteReader();
        r.Read();
        return new Observation(o.Key, o.Period, r.IsDBNull(0) ? null : r.GetDouble(0), r.GetString(1), o.Status,
            new Provenance(o.Source.FileName, o.Source.Sha256, r.GetString(2), r.GetString(3), r.GetString(4)));
    }

    /// <summary>
    /// Inserts, in the order staged, the observations whose value, unit or status differ from the latest vintage of
    /// their series and period (within one file's readings when <paramref name="lineage"/> is given); returns how many.
    /// </summary>
    public int Finish(long fileId, long? lineage)
    {
        using var insert = Command($"""
            INSERT INTO observations (series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT i.series_id, i.period, i.value, i.unit, i.status, $file, i.sheet, i.cell, i.raw_text, i.label, i.flags, i.unit_factor
            FROM temp.incoming i
            LEFT JOIN observations l ON l.id = (
                SELECT o.id FROM observations o JOIN files f ON f.id = o.file_id
                WHERE o.series_id = i.series_id AND o.period = i.period AND o.file_id <> $file
                  AND ($lineage IS NULL OR {ObservationStore.VintageOrder} = $lineage)
                ORDER BY {ObservationStore.VintageOrder} DESC, o.file_id DESC, o.id DESC LIMIT 1)
            WHERE l.id IS NULL OR NOT (l.value IS i.value AND l.unit = i.unit AND l.status = i.status)
            ORDER BY i.seq
            """);
        insert.Parameters.AddWithValue("$file", fileId);
        insert.Parameters.AddWithValue("$lineage", (object?)lineage ?? DBNull.Value);
        var added = insert.ExecuteNonQuery();
        Execute("DELETE FROM temp.incoming");
        return added;
    }

    public void Dispose()
    {
        _upsertSeries.Dispose();
        _stage.Dispose();
        _earlier.Dispose();
    }

    private long SeriesId(SeriesKey key)
    {
        if (_series.TryGetValue(key, out var id))
        {
            return id;
        }

        var p = _upsertSeries.Parameters;
        p[0].Value = key.Indicator;
        p[1].Value = key.Region;
        p[2].Value = key.Industry;
        p[3].Value = Codes.Of(key.Basis);
        p[4].Value = Codes.Of(key.Measure);
        return _series[key] = (long)_upsertSeries.ExecuteScalar()!;
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
