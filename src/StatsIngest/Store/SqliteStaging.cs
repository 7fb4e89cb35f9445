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
    private readonly Dictionary<SeriesKey, long> _series = [];
    private readonly SqliteCommand _findSeries;
    private readonly SqliteCommand _insertSeries;
    private readonly RawStatement _stage;

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
        _stage.Bind(1, SeriesId(o.Key));
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
        using (var mark = Sql.Command(Connection, Transaction, "INSERT INTO temp.new_series (id) VALUES (@id)").With("@id", id))
        {
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
