using Microsoft.Data.Sqlite;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>Keeps <c>source_state</c>: per source and item (period or file), what was fetched and how the last attempt went.</summary>
public sealed class SourceStateStore(ObservationStore observations) : ISourceStates
{
    public SourceItemState? Get(string source, string item)
    {
        using var c = observations.OpenConnection();
        using var cmd = ObservationStore.Command(c, null, "SELECT * FROM source_state WHERE source = $s AND item = $i");
        cmd.Parameters.AddWithValue("$s", source);
        cmd.Parameters.AddWithValue("$i", item);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    public IReadOnlyList<SourceItemState> All(string? source = null)
    {
        using var c = observations.OpenConnection();
        using var cmd = ObservationStore.Command(c, null, "SELECT * FROM source_state WHERE $s IS NULL OR source = $s ORDER BY source, item");
        cmd.Parameters.AddWithValue("$s", (object?)source ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var list = new List<SourceItemState>();
        while (r.Read())
        {
            list.Add(Read(r));
        }

        return list;
    }

    public void Put(SourceItemState s)
    {
        using var c = observations.OpenConnection();
        using var cmd = ObservationStore.Command(c, null, """
            INSERT INTO source_state (source, item, etag, last_modified, sha256, size_bytes, fetched_at, checked_at, outcome, detail)
            VALUES ($s, $i, $e, $lm, $h, $n, $f, $c, $o, $d)
            ON CONFLICT (source, item) DO UPDATE SET etag = $e, last_modified = $lm, sha256 = $h, size_bytes = $n, fetched_at = $f,
                checked_at = $c, outcome = $o, detail = $d
            """);
        cmd.Parameters.AddWithValue("$s", s.Source);
        cmd.Parameters.AddWithValue("$i", s.Item);
        cmd.Parameters.AddWithValue("$e", (object?)s.ETag ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$lm", (object?)s.LastModified ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$h", (object?)s.Sha256 ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$n", (object?)s.SizeBytes ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$f", s.FetchedAt is { } f ? ObservationStore.Iso(f) : DBNull.Value);
        cmd.Parameters.AddWithValue("$c", ObservationStore.Iso(s.CheckedAt));
        cmd.Parameters.AddWithValue("$o", s.Outcome);
        cmd.Parameters.AddWithValue("$d", s.Detail);
        cmd.ExecuteNonQuery();
    }

    private static SourceItemState Read(SqliteDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        return new SourceItemState(
            r.GetString(r.GetOrdinal("source")), r.GetString(r.GetOrdinal("item")), Text("etag"), Text("last_modified"), Text("sha256"),
            r.IsDBNull(r.GetOrdinal("size_bytes")) ? null : r.GetInt64(r.GetOrdinal("size_bytes")),
            Text("fetched_at") is { } f ? ObservationStore.Time(f) : null,
            ObservationStore.Time(r.GetString(r.GetOrdinal("checked_at"))), r.GetString(r.GetOrdinal("outcome")), r.GetString(r.GetOrdinal("detail")));
    }
}
