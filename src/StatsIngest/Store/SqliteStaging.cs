using System.Data.Common;
using Microsoft.Data.Sqlite;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// SQLite's staging: each observation inserted into <c>temp.incoming</c> through one statement prepared once and bound
/// by position (Microsoft.Data.Sqlite's per-call binding by name cost more than the insert itself), its series id
/// looked up once and cached — a series the store does not have is created and noted in <c>temp.new_series</c>.
/// </summary>
internal sealed class SqliteStaging : FileStaging
{
    private readonly Dictionary<SeriesKey, (long Id, bool New)> _series = [];
    private readonly SqliteCommand _findSeries;
    private readonly SqliteCommand _insertSeries;
    private readonly RawStatement _stage;

    /// <summary>A file of at least this many rows, all of series new to the store, is a bulk load (see <see cref="Insert"/>).</summary>
    internal const int BulkLoadRows = 50_000;

    private bool _allNew = true;

    // A file's rows repeat their periods and flags: formatted once each.
    private readonly Dictionary<ReportingPeriod, string> _periods = [];
    private readonly Dictionary<ObservationFlags, string> _flags = [];
    private readonly string?[] _bound = new string?[12];

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
        _findSeries = Prepared("SELECT id FROM series WHERE indicator = @i AND region = @r AND industry = @n AND basis = @b AND measure = @m");
        _insertSeries = Prepared("INSERT INTO series (indicator, region, industry, basis, measure) VALUES (@i, @r, @n, @b, @m) RETURNING id");
        _stage = new RawStatement(connection, """
            INSERT INTO temp.incoming (series_id, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
    }

    public override void Add(Observation o)
    {
        var (seriesId, isNew) = Series(o.Key);
        _allNew &= isNew;
        _stage.Bind(1, seriesId);
        BindRepeated(2, _periods.GetOrAdd(o.Period, static p => p.Code));
        _stage.Bind(3, o.Value);
        BindRepeated(4, o.Unit);
        BindRepeated(5, Codes.Of(o.Status));
        BindRepeated(6, o.Source.Sheet);
        _stage.Bind(7, o.Source.Cell);
        _stage.Bind(8, o.Source.RawText);
        BindRepeated(9, o.Label);
        BindRepeated(10, _flags.GetOrAdd(o.Flags, static f => Codes.Of(f)));
        _stage.Bind(11, o.UnitFactor);
        _stage.Run();
        Staged++;
    }

    /// <summary>
    /// Binds a text that most rows share with the row before (period, unit, status, sheet, label, flags) only when it
    /// changed: SQLite keeps a statement's bindings from one run to the next.
    /// </summary>
    private void BindRepeated(int index, string value)
    {
        if (!string.Equals(_bound[index], value, StringComparison.Ordinal))
        {
            _stage.Bind(index, value);
            _bound[index] = value;
        }
    }

    public override void Dispose()
    {
        _findSeries.Dispose();
        _insertSeries.Dispose();
        _stage.Dispose();
    }

    protected override void Complete() =>
        Sql.Execute(Connection, Transaction, "CREATE INDEX IF NOT EXISTS temp.incoming_key ON incoming (series_id, period, seq)");

    protected override void Clear() =>
        Sql.Execute(Connection, Transaction, "DROP INDEX IF EXISTS temp.incoming_key; DROP TABLE IF EXISTS temp.repeated; DELETE FROM temp.incoming; DELETE FROM temp.new_series;");

    /// <summary>
    /// A bulk load — a file of <see cref="BulkLoadRows"/> rows or more, every one of a series new to the store, and no
    /// fewer rows than the store holds (a first load) — inserts into <c>observations</c> without its indexes and makes
    /// them again after (sorting once instead of placing each row: a third less time at 1M rows). Nothing of the insert
    /// looks a row up in them: a row of a new series is not compared. Inside the file's transaction: a refused or failed
    /// file leaves the indexes as they were, and other connections see the old ones until the commit.
    /// </summary>
    protected override int Insert(DbCommand insert)
    {
        if (!_allNew || Staged < BulkLoadRows || Staged < Sql.Int64(Connection, Transaction, "SELECT COALESCE(MAX(id), 0) FROM observations"))
        {
            return insert.ExecuteNonQuery();
        }

        var indexes = new List<(string Name, string Sql)>();
        using (var read = Sql.Command(Connection, Transaction, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL"))
        using (var r = read.ExecuteReader())
        {
            while (r.Read())
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Sql.Execute(Connection, Transaction, $"DROP INDEX \"{name}\"");
        }

        var added = insert.ExecuteNonQuery();
        foreach (var (_, sql) in indexes)
        {
            Sql.Execute(Connection, Transaction, sql);
        }

        return added;
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

        var id = (long)Run(_insertSeries, key)!;
        using (var mark = Sql.Command(Connection, Transaction, "INSERT INTO temp.new_series (id) VALUES (@id)").With("@id", id))
        {
            mark.ExecuteNonQuery();
        }

        return _series[key] = (id, true);
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

    private SqliteCommand Prepared(string sql)
    {
        var cmd = (SqliteCommand)Sql.Command(Connection, Transaction, sql);
        foreach (var name in (string[])["@i", "@r", "@n", "@b", "@m"])
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        cmd.Prepare();
        return cmd;
    }
}
