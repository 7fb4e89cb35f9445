using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace StatsIngest.Store.Postgres;

/// <summary>
/// Copies an SQLite store into an empty PostgreSQL store — every vintage, its provenance, the indicators and their
/// revisions, deliveries and source state, with their ids — in one transaction (binary COPY per table), then checks
/// that every table holds as many rows as the source.
/// </summary>
public static class StoreCopy
{
    // Column name and type (b bigint, i integer, t text, d double precision), in the order of foreign keys.
    private static readonly (string Table, string[] Columns, bool Identity)[] Tables =
    [
        ("files", ["id:b", "sha256:t", "file_name:t", "size_bytes:b", "ingested_at:t", "format:t", "encoding:t", "layout:t", "rows_read:i",
            "observations_added:i", "observations_unchanged:i", "warnings:t", "notes:t", "archive_path:t", "unmapped:t", "layout_detail:t", "reason:t", "reprocess_of:b"], true),
        ("deliveries", ["id:b", "file_name:t", "sha256:t", "received_at:t", "outcome:t", "file_id:b", "stored_path:t", "detail:t"], true),
        ("series", ["id:b", "indicator:t", "region:t", "industry:t", "basis:t", "measure:t"], true),
        ("observations", ["id:b", "series_id:b", "period:t", "value:d", "unit:t", "status:t", "file_id:b", "sheet:t", "cell:t", "raw_text:t", "label:t", "flags:t", "unit_factor:d"], true),
        ("indicator_values", ["id:b", "block:t", "indicator:t", "region:t", "subject:t", "period:t", "basis:t", "value:d", "unit:t", "note:t", "input_vintages:t", "inputs:t", "computed_at:t", "inputs_hash:t"], true),
        ("indicator_revisions", ["id:b", "computed_at:t", "latest_vintage:b", "block:t", "indicator:t", "region:t", "subject:t", "period:t", "basis:t",
            "previous_value:d", "new_value:d", "previous_vintages:t", "new_vintages:t", "revised_inputs:t"], true),
        ("source_state", ["source:t", "item:t", "etag:t", "last_modified:t", "sha256:t", "size_bytes:b", "fetched_at:t", "checked_at:t", "outcome:t", "detail:t"], false),
    ];

    /// <summary>Copies the store; returns each table with its rows.</summary>
    /// <exception cref="InvalidOperationException">The target already holds data, or a table's count differs after the copy.</exception>
    public static IReadOnlyList<(string Table, long Rows)> Run(ObservationStore source, string target)
    {
        if (source.Database is not SqliteStoreDatabase)
        {
            throw new InvalidOperationException("copy-store copies the SQLite store (Store:Provider = sqlite) into PostgreSQL; this installation's store is already on " + source.Database.Provider + ".");
        }

        PostgresSchema.Apply(target);
        using var from = source.OpenConnection();
        using var to = new NpgsqlConnection(target);
        to.Open();
        using var tx = to.BeginTransaction();
        if (Count(to, tx, "files") + Count(to, tx, "series") + Count(to, tx, "deliveries") > 0)
        {
            throw new InvalidOperationException("The PostgreSQL store already holds data: copy-store copies into an empty store only (a new database, after `migrate`).");
        }

        var copied = new List<(string, long)>();
        foreach (var (table, columns, identity) in Tables)
        {
            var rows = CopyTable(from, to, table, columns);
            if (identity)
            {
                Execute(to, tx, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)");
            }

            var landed = Count(to, tx, table);
            if (landed != rows)
            {
                throw new InvalidOperationException($"{table}: {rows} rows read from SQLite, {landed} in PostgreSQL; nothing was kept.");
            }

            copied.Add((table, rows));
        }

        tx.Commit();
        return copied;
    }

    private static long CopyTable(DbConnection from, NpgsqlConnection to, string table, string[] columns)
    {
        var names = columns.Select(c => c[..c.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        var types = columns.Select(c => c[^1]).ToArray();
        using var read = from.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", names)} FROM {table} ORDER BY rowid";
        using var r = read.ExecuteReader();
        using var writer = to.BeginBinaryImport($"COPY {table} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (r.Read())
        {
            writer.StartRow();
            for (var i = 0; i < names.Length; i++)
            {
                Write(writer, r, i, types[i]);
            }

            rows++;
        }

        writer.Complete();
        return rows;
    }

    private static void Write(NpgsqlBinaryImporter writer, DbDataReader r, int i, char type)
    {
        if (r.IsDBNull(i))
        {
            writer.WriteNull();
            return;
        }

        switch (type)
        {
            case 'b':
                writer.Write(r.GetInt64(i), NpgsqlDbType.Bigint);
                break;
            case 'i':
                writer.Write(r.GetInt32(i), NpgsqlDbType.Integer);
                break;
            case 'd':
                writer.Write(r.GetDouble(i), NpgsqlDbType.Double);
                break;
            default:
                writer.Write(r.GetString(i), NpgsqlDbType.Text);
                break;
        }
    }

    private static long Count(NpgsqlConnection c, NpgsqlTransaction tx, string table)
    {
        using var cmd = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", c, tx);
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection c, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.ExecuteNonQuery();
    }
}
