using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using StatsIngest.Domain;

namespace StatsIngest.Store.Postgres;

/// <summary>
/// PostgreSQL's staging: the file's observations streamed by binary COPY, with their series keys as text, into a
/// temporary table of the transaction; once the file is read, the series the store does not have are created in one
/// statement (and noted in <c>new_series</c>), and <c>incoming</c> is made from the staged rows joined to their series.
/// Nothing is asked of the database while the COPY runs (a connection serves one command at a time).
/// </summary>
internal sealed class PostgresStaging : FileStaging
{
    private const string Columns = "seq, indicator, region, industry, basis, measure, period, value, unit, status, sheet, cell, raw_text, label, flags, unit_factor";
    private NpgsqlBinaryImporter? _copy;

    public PostgresStaging(NpgsqlConnection connection, DbTransaction transaction)
        : base(connection, transaction)
    {
        Sql.Execute(connection, transaction, """
            CREATE TEMP TABLE staged (
                seq BIGINT NOT NULL, indicator TEXT NOT NULL, region TEXT NOT NULL, industry TEXT NOT NULL, basis TEXT NOT NULL,
                measure TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION, unit TEXT NOT NULL, status TEXT NOT NULL,
                sheet TEXT NOT NULL, cell TEXT NOT NULL, raw_text TEXT NOT NULL, label TEXT NOT NULL, flags TEXT NOT NULL,
                unit_factor DOUBLE PRECISION NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE new_series (id BIGINT PRIMARY KEY) ON COMMIT DROP;
            """);
    }

    public override void Add(Observation o)
    {
        var copy = _copy ??= ((NpgsqlConnection)Connection).BeginBinaryImport($"COPY staged ({Columns}) FROM STDIN (FORMAT BINARY)");
        copy.StartRow();
        copy.Write((long)Staged, NpgsqlDbType.Bigint);
        Text(copy, o.Key.Indicator, o.Key.Region, o.Key.Industry, Codes.Of(o.Key.Basis), Codes.Of(o.Key.Measure), o.Period.Code);
        if (o.Value is { } value)
        {
            copy.Write(value, NpgsqlDbType.Double);
        }
        else
        {
            copy.WriteNull();
        }

        Text(copy, o.Unit, Codes.Of(o.Status), o.Source.Sheet, o.Source.Cell, o.Source.RawText, o.Label, Codes.Of(o.Flags));
        copy.Write(o.UnitFactor, NpgsqlDbType.Double);
        Staged++;
    }

    public override void Dispose()
    {
        // An unfinished COPY is cancelled; the transaction is then rolled back by the session.
        _copy?.Dispose();
        _copy = null;
    }

    protected override void Complete()
    {
        if (_copy is { } copy)
        {
            copy.Complete();
            copy.Dispose();
            _copy = null;
        }

        Sql.Execute(Connection, Transaction, """
            WITH created AS (
                INSERT INTO series (indicator, region, industry, basis, measure)
                SELECT DISTINCT indicator, region, industry, basis, measure FROM staged
                ON CONFLICT DO NOTHING RETURNING id)
            INSERT INTO new_series (id) SELECT id FROM created;
            CREATE TEMP TABLE incoming ON COMMIT DROP AS
                SELECT st.seq, s.id AS series_id, st.period, st.value, st.unit, st.status, st.sheet, st.cell, st.raw_text, st.label, st.flags, st.unit_factor
                FROM staged st JOIN series s ON s.indicator = st.indicator AND s.region = st.region AND s.industry = st.industry
                                            AND s.basis = st.basis AND s.measure = st.measure;
            CREATE INDEX ON incoming (series_id, period, seq);
            ANALYZE incoming;
            ANALYZE new_series;
            """);
    }

    protected override void Clear() => Sql.Execute(Connection, Transaction, "DROP TABLE IF EXISTS incoming; DROP TABLE IF EXISTS repeated; TRUNCATE staged; TRUNCATE new_series;");

    private static void Text(NpgsqlBinaryImporter copy, params ReadOnlySpan<string> values)
    {
        foreach (var v in values)
        {
            copy.Write(v, NpgsqlDbType.Text);
        }
    }
}
