using System.Data.Common;
using System.Globalization;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// The canonical, versioned observation store, in SQLite or PostgreSQL (<see cref="StoreDatabase"/>). A file is committed in one transaction (its ledger row and
/// all its observations, or nothing). An observation is added only when it differs from the latest value of its
/// series and period (value, unit or status): a revision adds a vintage and never overwrites the earlier one.
/// </summary>
public sealed class ObservationStore
{
    /// <summary>A store in an SQLite file (created, or brought to the latest schema).</summary>
    public ObservationStore(string databasePath, double busyTimeoutSeconds = 30)
        : this(new SqliteStoreDatabase(databasePath, busyTimeoutSeconds))
    {
    }

    public ObservationStore(StoreDatabase database) => Database = database;

    public StoreDatabase Database { get; }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion() => Database.SchemaVersion();

    public FileRecord? FindFile(string sha256)
    {
        using var c = Database.Open();
        using var cmd = Sql.Command(c, null, "SELECT * FROM files WHERE sha256 = @sha AND reason = 'ingested'").With("@sha", sha256);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadFile(r) : null;
    }

    public IReadOnlyList<FileRecord> Files()
    {
        using var c = Database.Open();
        using var cmd = Sql.Command(c, null, "SELECT * FROM files ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<FileRecord>();
        while (r.Read())
        {
            list.Add(ReadFile(r));
        }

        return list;
    }

    public IReadOnlyList<Delivery> Deliveries()
    {
        using var c = Database.Open();
        using var cmd = Sql.Command(c, null, "SELECT id, file_name, sha256, received_at, outcome, file_id, stored_path, detail FROM deliveries ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<Delivery>();
        while (r.Read())
        {
            list.Add(new Delivery(r.GetInt64(0), r.GetString(1), r.GetString(2), Time(r.GetString(3)),
                Enum.Parse<DeliveryOutcome>(r.GetString(4), ignoreCase: true), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), r.GetString(7)));
        }

        return list;
    }

    /// <summary>
    /// The order of vintages: by the reading's place — a reprocessed reading of a file takes its file's place, after its
    /// earlier readings and before every later file — then by id. The latest value of a series and period is the last in it.
    /// </summary>
    internal const string VintageOrder = "COALESCE(f.reprocess_of, f.id)";

    /// <summary>
    /// Opens the staging of one file: observations are added as the file is read (<see cref="FileSession"/> is the
    /// reading's sink), then the file is committed in one transaction, or nothing when the session is disposed first.
    /// </summary>
    /// <param name="stop">When cancelled, a statement the session is running is interrupted (<see cref="StoreDatabase.Interrupt"/>).</param>
    public FileSession BeginFile(CancellationToken stop = default) => Begin(writesEarly: true, stop);

    /// <summary>
    /// Opens the staging of a file that is only looked at, never committed (validate): its observations are staged as
    /// an ingest stages them and read back from there (<see cref="FileSession.Staged"/>); none is written into the store.
    /// </summary>
    public FileSession BeginTrial() => Begin(writesEarly: false, CancellationToken.None);

    private FileSession Begin(bool writesEarly, CancellationToken stop)
    {
        var c = Database.OpenForFile();
        var tx = c.BeginTransaction();
        var staging = Database.Stage(c, tx);
        staging.WritesEarly = writesEarly;
        return new FileSession(c, tx, staging, Database, stop);
    }

    /// <summary>Commits a file and its observations in one transaction, with its delivery row.</summary>
    public IngestCommit CommitFile(FileRecord file, IEnumerable<Observation> observations, DateTimeOffset receivedAt)
    {
        using var session = BeginFile();
        foreach (var o in observations)
        {
            session.Add(o);
        }

        return session.Complete(file, receivedAt);
    }

    /// <summary>
    /// Commits a new reading of an archived file (<paramref name="reading"/>.ReprocessOf is its first vintage): each value
    /// is compared with the file's own earlier readings, not with later files, and only a change makes a vintage. When
    /// nothing changed nothing is written and the commit's file id is 0.
    /// </summary>
    public IngestCommit CommitReprocessed(FileRecord reading, IEnumerable<Observation> observations)
    {
        using var session = BeginFile();
        foreach (var o in observations)
        {
            session.Add(o);
        }

        return session.CompleteReprocessed(reading);
    }

    /// <summary>Inserts the file's row and its staged observations that changed; updates the file's counts.</summary>
    internal static IngestCommit Insert(DbConnection c, DbTransaction tx, StoreDatabase database, FileRecord file, FileStaging staged, long? lineage)
    {
        staged.Seal();
        database.SerializeCommits(c, tx);
        var fileId = InsertFile(c, tx, file, staged.ReservedFileId);
        var distinct = staged.Distinct();
        var (added, withdrawn) = staged.Finish(fileId, lineage);
        var unchanged = distinct - added;
        using (var update = Sql.Command(c, tx, "UPDATE files SET observations_added = @a, observations_unchanged = @u WHERE id = @id"))
        {
            update.With("@a", added).With("@u", unchanged).With("@id", fileId).ExecuteNonQuery();
        }

        return new IngestCommit(fileId, added, unchanged, withdrawn);
    }

    /// <summary>Writes the file's row: a new one, or the one the staging reserved for the rows it wrote under its id.</summary>
    private static long InsertFile(DbConnection c, DbTransaction tx, FileRecord file, long? reserved)
    {
        (string Column, object? Value)[] values =
        [
            ("sha256", file.Sha256), ("file_name", file.FileName), ("size_bytes", file.SizeBytes), ("ingested_at", Iso(file.IngestedAt)),
            ("format", file.Format), ("encoding", file.Encoding), ("layout", file.Layout), ("rows_read", file.RowsRead),
            ("warnings", string.Join('\n', file.Warnings)), ("notes", string.Join('\n', file.Notes)), ("archive_path", file.ArchivePath),
            ("unmapped", string.Join('\n', file.Unmapped)), ("layout_detail", file.LayoutDetail), ("reason", file.Reason), ("reprocess_of", file.ReprocessOf),
        ];
        using var write = Sql.Command(c, tx, reserved is null
            ? $"""
              INSERT INTO files ({string.Join(", ", values.Select(v => v.Column))}, observations_added, observations_unchanged)
              VALUES ({string.Join(", ", values.Select(v => "@" + v.Column))}, 0, 0) RETURNING id
              """
            : $"UPDATE files SET {string.Join(", ", values.Select(v => $"{v.Column} = @{v.Column}"))} WHERE id = @id RETURNING id");
        foreach (var (column, value) in values)
        {
            write.With("@" + column, value);
        }

        if (reserved is not null)
        {
            write.With("@id", reserved);
        }

        return (long)write.ExecuteScalar()!;
    }

    /// <summary>
    /// Records a file that was not committed (a duplicate, a refusal) before it is moved to <paramref name="storedPath"/>:
    /// when the same file, content, outcome and place are already recorded (a process killed between the record and
    /// the move handles the file again after its restart), nothing is added.
    /// </summary>
    public void RecordDelivery(string fileName, string sha256, DateTimeOffset receivedAt, DeliveryOutcome outcome, long? fileId, string storedPath, string detail)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        using (var seen = Sql.Command(c, tx, "SELECT COUNT(*) FROM deliveries WHERE file_name = @name AND sha256 = @sha AND outcome = @outcome AND stored_path = @path"))
        {
            seen.With("@name", fileName).With("@sha", sha256).With("@outcome", outcome.ToString().ToLowerInvariant()).With("@path", storedPath);
            if (Convert.ToInt64(seen.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        InsertDelivery(c, tx, fileName, sha256, receivedAt, outcome, fileId, storedPath, detail);
        tx.Commit();
    }

    /// <summary>
    /// The latest vintage of every observation known at <paramref name="asOf"/> (all when null), of the given regions
    /// only when <paramref name="regions"/> is given (read by the series' region, not by scanning the store).
    /// </summary>
    public IReadOnlyList<Observation> LatestObservations(DateTimeOffset? asOf = null, IReadOnlyCollection<string>? regions = null)
    {
        using var c = Database.OpenForHistory();
        var read = ObservationRead.Of(c, Database, asOf, regions);
        var latest = LatestObservations(c, read);
        if (asOf is null && regions is not null && latest.Count <= LatestIndexCache.MostEntries)
        {
            // What the index of these regions is now: kept for the next read of it (after a first load, the next file's
            // refresh). Not of every region: the reads of them all are exports, and a refresh of them all keeps its own.
            Database.LatestIndexCache(regions)?.SaveIfStale(read, () => latest.Select(o => new LatestEntry(o.Key, o.Period, o.VintageId, o.Id)), latest.Count);
        }

        return latest;
    }

    /// <summary>Every latest observation an index read before names (<see cref="LatestIndex"/>: of the same files), read whole.</summary>
    public IReadOnlyList<Observation> LatestObservations(LatestIndex index)
    {
        using var c = Database.OpenForHistory();
        return LatestObservations(c, index.Read);
    }

    private List<Observation> LatestObservations(DbConnection c, ObservationRead read)
    {
        if (read.Ids(c) is not var (first, last))
        {
            return [];
        }

        // The rows in two halves of their ids, read at once on two connections: each half reads its own pages of the table
        // and makes its own objects (a region's 322k rows of the 10M-row store: SQLite's 0.4 s in 0.2 s). The later half
        // is kept aside while the earlier one is taken in, then taken in after it: a series' rows stay in the order stored.
        var middle = first + ((last - first) / 2);
        var latest = new LatestOfAll();
        var later = AtOnce(c, here => latest.AddAll(read.Range(here, first, middle)), other => read.Range(other, middle + 1, last).ToList());
        latest.AddAll(later);
        return latest.Sorted();
    }

    /// <summary>
    /// Runs <paramref name="here"/> on <paramref name="c"/> while <paramref name="there"/> runs at once on a connection of
    /// its own (reading the history on two cores); that connection is closed before this returns, whatever happened here.
    /// </summary>
    /// <returns>What <paramref name="there"/> made.</returns>
    private T AtOnce<T>(DbConnection c, Action<DbConnection> here, Func<DbConnection, T> there)
    {
        var other = Task.Run(() =>
        {
            using var connection = Database.OpenForHistory();
            return there(connection);
        });
        try
        {
            here(c);
        }
        finally
        {
            ((IAsyncResult)other).AsyncWaitHandle.WaitOne();
        }

        return other.GetAwaiter().GetResult();
    }

    /// <summary>
    /// The latest vintage of every period of the given regions' series (all when null), read from the index of the
    /// observations — which row, of which file — without visiting a row: a region's 322k periods of the 10M-row store in a
    /// fraction of the time its rows take. Read the rows wanted of it with <see cref="LatestRows"/>.
    /// </summary>
    public LatestIndex LatestIndex(IReadOnlyCollection<string>? regions = null)
    {
        using var c = Database.OpenForHistory();
        var read = ObservationRead.Of(c, Database, null, regions);

        // The entries the last read kept, with the rows of the files committed since; or every entry.
        var cache = Database.LatestIndexCache(regions);
        var kept = cache?.Load(read);
        var entries = kept is not null ? kept.With(read, BySeries(read.Entries(c, afterFile: kept.LastFile))) : ReadEntries(c, read);
        if (cache is not null && kept?.LastFile != read.LastFile)
        {
            cache.Save(read, entries, entries.Count);
        }

        return new LatestIndex(read, entries, read.Flagged(c)) { Kept = kept?.Count ?? 0 };
    }

    /// <summary>Every entry of the index, read whole: many series in two halves of their ids at once, on two connections (one snapshot: the files of <paramref name="read"/>).</summary>
    private List<LatestEntry> ReadEntries(DbConnection c, ObservationRead read)
    {
        // Each half's rows become its own lists (at 10M, 0.29 s of stepping and columns on one thread).
        Dictionary<SeriesKey, List<(ReportingPeriod Period, long Place, long FileId, long Id)>> bySeries = null!;
        if (read.MiddleSeries(SplitFromSeries) is { } middle)
        {
            var upper = AtOnce(c, here => bySeries = BySeries(read.Entries(here, upTo: middle)), other => BySeries(read.Entries(other, above: middle)));
            foreach (var (key, rows) in upper)
            {
                bySeries.Add(key, rows); // the halves hold different series
            }
        }
        else
        {
            bySeries = BySeries(read.Entries(c));
        }

        var keys = bySeries.Keys.ToArray();
        Array.Sort(keys, SeriesOrder);
        var entries = new List<LatestEntry>(bySeries.Values.Sum(s => s.Count));
        foreach (var key in keys)
        {
            AddLatest(entries, key, bySeries[key]);
        }

        return entries;
    }

    /// <summary>The latest of each period of one series' <paramref name="rows"/> (by period, and within one by the vintages' order, as LatestOfSeries compares them: the last wins).</summary>
    internal static void AddLatest(List<LatestEntry> entries, SeriesKey key, List<(ReportingPeriod Period, long Place, long FileId, long Id)> rows)
    {
        if (!IsSorted(rows))
        {
            rows.Sort(); // a region's mostly come in this order from its index
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (i + 1 == rows.Count || rows[i + 1].Period != rows[i].Period)
            {
                entries.Add(new LatestEntry(key, rows[i].Period, rows[i].FileId, rows[i].Id));
            }
        }
    }

    /// <summary>Below this many rows of an index, they are read on one connection (<see cref="LatestRows"/>).</summary>
    internal const int SplitFromRows = 4000;

    /// <summary>Below this many series the index is read on one connection (a second one costs more than it saves).</summary>
    private const int SplitFromSeries = 64;

    /// <summary>The index's entries grouped by series, each series' in the order read.</summary>
    internal static Dictionary<SeriesKey, List<(ReportingPeriod Period, long Place, long FileId, long Id)>> BySeries(
        IEnumerable<(SeriesKey Key, string Period, long FileId, long Id, long Place)> entries)
    {
        var periods = new Dictionary<string, ReportingPeriod>(ReferenceEqualityComparer.Instance); // the texts are shared
        var bySeries = new Dictionary<SeriesKey, List<(ReportingPeriod Period, long Place, long FileId, long Id)>>(ReferenceEqualityComparer.Instance);
        (SeriesKey? Key, List<(ReportingPeriod, long, long, long)> Rows) current = (null, null!);
        foreach (var (key, period, fileId, id, place) in entries)
        {
            if (!ReferenceEquals(key, current.Key))
            {
                // A series' rows come together; a region's series are about as long as each other: each list starts at the
                // size of the one before (growing them by doubling was 30 ms of copying at 10M).
                var expected = current.Rows?.Count ?? 0;
                current = (key, bySeries.GetOrAdd(key, _ => new(Math.Max(16, expected))));
            }

            current.Rows.Add((periods.GetOrAdd(period, ReportingPeriod.ParseCode), place, fileId, id));
        }

        return bySeries;
    }

    private static bool IsSorted<T>(List<T> rows)
        where T : IComparable<T>
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i - 1].CompareTo(rows[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The observations of the entries <paramref name="wanted"/> of an index read before, and those of <paramref name="read"/>
    /// (rows of the same index read before: not read again), in the index's order.
    /// </summary>
    public IReadOnlyList<Observation> LatestRows(LatestIndex index, Func<LatestEntry, bool> wanted, IReadOnlyList<Observation>? read = null)
    {
        var byId = (read ?? []).ToDictionary(o => o.Id);
        var ids = index.Entries.Where(e => wanted(e) && !byId.ContainsKey(e.Id)).Select(e => e.Id).Order().ToArray();
        if (ids.Length > 0)
        {
            // Many in two halves at once, on two connections: a row of a long history is mostly on a page of its own.
            using var c = Database.OpenForHistory();
            var half = ids.Length / 2;
            Take(ids.Length < SplitFromRows ? index.Read.Rows(c, ids)
                : AtOnce(c, here => Take(index.Read.Rows(here, ids[..half])), other => index.Read.Rows(other, ids[half..]).ToList()));

            void Take(IEnumerable<(Observation Observation, long Place)> rows)
            {
                foreach (var (o, _) in rows)
                {
                    byId[o.Id] = o;
                }
            }
        }

        var rows = new List<Observation>(byId.Count);
        foreach (var e in index.Entries)
        {
            if (byId.TryGetValue(e.Id, out var o))
            {
                rows.Add(o);
            }
        }

        return rows;
    }

    /// <summary>
    /// The latest vintage by series and period: a read makes one key per series, shared by its observations, so a series is
    /// found by its key's instance; the rows come in the order the database gives them (no sort asked: a region's by its
    /// series' index, all of them in the table's) and are compared by their vintages' order.
    /// </summary>
    private sealed class LatestOfAll
    {
        private readonly Dictionary<SeriesKey, LatestOfSeries> _bySeries = new(ReferenceEqualityComparer.Instance);

        public void AddAll(IEnumerable<(Observation Observation, long Place)> rows)
        {
            LatestOfSeries? current = null;
            foreach (var (o, place) in rows)
            {
                if (current is null || !ReferenceEquals(current.Key, o.Key))
                {
                    current = _bySeries.GetOrAdd(o.Key, k => new LatestOfSeries(k));
                }

                current.Add(o, place);
            }
        }

        /// <summary>By series (<see cref="SeriesOrder"/>), then by period.</summary>
        public List<Observation> Sorted()
        {
            var keys = _bySeries.Keys.ToArray();
            Array.Sort(keys, SeriesOrder);
            var sorted = new List<Observation>(_bySeries.Values.Sum(s => s.Count));
            foreach (var key in keys)
            {
                _bySeries[key].AddTo(sorted);
            }

            return sorted;
        }
    }

    /// <summary>
    /// The latest vintage of each period of one series. SQLite gives a region's rows by series and period (the order of its
    /// index): a row of the period of the row before competes with it, a row of a later period follows it — no lookup.
    /// From a row out of that order on (the table's order, another database's) each is looked up by period, and the
    /// periods are sorted at the end.
    /// </summary>
    private sealed class LatestOfSeries(SeriesKey key)
    {
        private readonly List<(Observation Observation, long Place)> _rows = [];
        private Dictionary<ReportingPeriod, int>? _byPeriod;
        private bool _unordered;

        public SeriesKey Key { get; } = key;

        public int Count => _rows.Count;

        public void Add(Observation o, long place)
        {
            // In order so far (no lookup kept): a later period is new, the same period competes with the row before.
            var last = _rows.Count == 0 ? (ReportingPeriod?)null : _rows[^1].Observation.Period;
            var at = _byPeriod is null && (last is null || last < o.Period) ? -1
                : _byPeriod is null && last == o.Period ? _rows.Count - 1
                : Find(o.Period);
            if (at < 0)
            {
                _unordered |= last is { } before && o.Period < before;
                _byPeriod?.Add(o.Period, _rows.Count);
                _rows.Add((o, place));
            }
            else if ((place, o.VintageId, o.Id).CompareTo((_rows[at].Place, _rows[at].Observation.VintageId, _rows[at].Observation.Id)) > 0)
            {
                _rows[at] = (o, place);
            }
        }

        /// <summary>The place of a period's row, or -1 for a new period; from the first row out of order on, by a lookup kept.</summary>
        private int Find(ReportingPeriod period)
        {
            if (_byPeriod is null)
            {
                _byPeriod = new Dictionary<ReportingPeriod, int>(_rows.Count * 2);
                for (var i = 0; i < _rows.Count; i++)
                {
                    _byPeriod[_rows[i].Observation.Period] = i;
                }
            }

            return _byPeriod.TryGetValue(period, out var at) ? at : -1;
        }

        /// <summary>Adds the series' observations by period.</summary>
        public void AddTo(List<Observation> sorted)
        {
            var start = sorted.Count;
            foreach (var (o, _) in _rows)
            {
                sorted.Add(o);
            }

            if (_unordered)
            {
                sorted.Sort(start, _rows.Count, Comparer<Observation>.Create(static (a, b) => a.Period.CompareTo(b.Period)));
            }
        }
    }

    /// <summary>By indicator, region, industry (ordinal), basis, measure: the order of the series every reader of the latest values sees (then by period).</summary>
    internal static int SeriesOrder(SeriesKey a, SeriesKey b)
    {
        var byKey = string.CompareOrdinal(a.Indicator, b.Indicator);
        byKey = byKey != 0 ? byKey : string.CompareOrdinal(a.Region, b.Region);
        byKey = byKey != 0 ? byKey : string.CompareOrdinal(a.Industry, b.Industry);
        byKey = byKey != 0 ? byKey : ((int)a.Basis).CompareTo((int)b.Basis);
        return byKey != 0 ? byKey : ((int)a.Measure).CompareTo((int)b.Measure);
    }

    /// <summary>The regions the store holds series of.</summary>
    public IReadOnlySet<string> Regions()
    {
        using var c = Database.Open();
        using var cmd = Sql.Command(c, null, "SELECT DISTINCT region FROM series");
        using var r = cmd.ExecuteReader();
        var regions = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            regions.Add(r.GetString(0));
        }

        return regions;
    }

    /// <summary>Every vintage of every observation, in the order they were recorded.</summary>
    public IReadOnlyList<Observation> AllObservations()
    {
        using var c = Database.OpenForHistory();
        return ObservationRead.Of(c, Database, null, null).InOrderRecorded(c).Select(r => r.Observation).ToArray();
    }

    internal static void InsertDelivery(DbConnection c, DbTransaction tx, string fileName, string sha256, DateTimeOffset receivedAt,
        DeliveryOutcome outcome, long? fileId, string storedPath, string detail)
    {
        using var cmd = Sql.Command(c, tx, """
            INSERT INTO deliveries (file_name, sha256, received_at, outcome, file_id, stored_path, detail)
            VALUES (@name, @sha, @at, @outcome, @file, @path, @detail)
            """);
        cmd.With("@name", fileName);
        cmd.With("@sha", sha256);
        cmd.With("@at", Iso(receivedAt));
        cmd.With("@outcome", outcome.ToString().ToLowerInvariant());
        cmd.With("@file", fileId);
        cmd.With("@path", storedPath);
        cmd.With("@detail", detail);
        cmd.ExecuteNonQuery();
    }

    private static FileRecord ReadFile(DbDataReader r) => new(
        r.GetInt64(r.GetOrdinal("id")),
        r.GetString(r.GetOrdinal("sha256")),
        r.GetString(r.GetOrdinal("file_name")),
        r.GetInt64(r.GetOrdinal("size_bytes")),
        Time(r.GetString(r.GetOrdinal("ingested_at"))),
        r.GetString(r.GetOrdinal("format")),
        r.IsDBNull(r.GetOrdinal("encoding")) ? null : r.GetString(r.GetOrdinal("encoding")),
        r.GetString(r.GetOrdinal("layout")),
        r.GetInt32(r.GetOrdinal("rows_read")),
        r.GetInt32(r.GetOrdinal("observations_added")),
        r.GetInt32(r.GetOrdinal("observations_unchanged")),
        Lines(r.GetString(r.GetOrdinal("warnings"))),
        Lines(r.GetString(r.GetOrdinal("notes"))),
        r.GetString(r.GetOrdinal("archive_path")))
    {
        Unmapped = Lines(r.GetString(r.GetOrdinal("unmapped"))),
        LayoutDetail = r.GetString(r.GetOrdinal("layout_detail")),
        Reason = r.GetString(r.GetOrdinal("reason")),
        ReprocessOf = r.IsDBNull(r.GetOrdinal("reprocess_of")) ? null : r.GetInt64(r.GetOrdinal("reprocess_of")),
    };

    private static string[] Lines(string s) => s.Length == 0 ? [] : s.Split('\n');

    /// <summary>An open connection to the store, for the other tables of the database.</summary>
    internal DbConnection OpenConnection() => Database.Open();

    // Fixed-width UTC ISO 8601 so that text comparison in SQL orders times correctly.
    internal static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Time(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
