using System.Data.Common;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>Keeps <c>source_state</c>: per source and item (period or file), what was fetched and how the last attempt went.</summary>
public sealed class SourceStateStore(ObservationStore observations) : ISourceStates
{
    public SourceItemState? Get(string source, string item)
    {
        using var c = observations.OpenConnection();
        using var cmd = Sql.Command(c, null, "SELECT * FROM source_state WHERE source = @s AND item = @i");
        cmd.With("@s", source);
        cmd.With("@i", item);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    public IReadOnlyList<SourceItemState> All(string? source = null)
    {
        using var c = observations.OpenConnection();
        using var cmd = Sql.Command(c, null, $"SELECT * FROM source_state{(source is null ? string.Empty : " WHERE source = @s")} ORDER BY source, item");
        if (source is not null)
        {
            cmd.With("@s", source);
        }

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
        using var cmd = Sql.Command(c, null, """
            INSERT INTO source_state (source, item, etag, last_modified, sha256, size_bytes, fetched_at, checked_at, outcome, detail)
            VALUES (@s, @i, @e, @lm, @h, @n, @f, @c, @o, @d)
            ON CONFLICT (source, item) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256,
                size_bytes = excluded.size_bytes, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at, outcome = excluded.outcome,
                detail = excluded.detail
            """);
        cmd.With("@s", s.Source);
        cmd.With("@i", s.Item);
        cmd.With("@e", s.ETag);
        cmd.With("@lm", s.LastModified);
        cmd.With("@h", s.Sha256);
        cmd.With("@n", s.SizeBytes);
        cmd.With("@f", s.FetchedAt is { } f ? ObservationStore.Iso(f) : null);
        cmd.With("@c", ObservationStore.Iso(s.CheckedAt));
        cmd.With("@o", s.Outcome);
        cmd.With("@d", s.Detail);
        cmd.ExecuteNonQuery();
    }

    private static SourceItemState Read(DbDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        return new SourceItemState(
            r.GetString(r.GetOrdinal("source")), r.GetString(r.GetOrdinal("item")), Text("etag"), Text("last_modified"), Text("sha256"),
            r.IsDBNull(r.GetOrdinal("size_bytes")) ? null : r.GetInt64(r.GetOrdinal("size_bytes")),
            Text("fetched_at") is { } f ? ObservationStore.Time(f) : null,
            ObservationStore.Time(r.GetString(r.GetOrdinal("checked_at"))), r.GetString(r.GetOrdinal("outcome")), r.GetString(r.GetOrdinal("detail")));
    }
}
