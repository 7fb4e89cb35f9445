using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// The latest index of some regions (<see cref="ObservationStore.LatestIndex"/>) as last read, kept in a file beside the
/// SQLite database: which row is the latest of each series and period, as of the files read then. A committed file's rows
/// are never changed nor removed, so the next read takes these entries and reads only the rows of the files committed
/// since (through the index of the rows by file): a monthly file into the 10M-row store reads its own rows, not the
/// region's 322k entries. The entries are taken only when the files they were made from are still the store's files up to
/// the last of them (ids, hashes, times: not another store's, not one restored from an older copy), under this schema,
/// whole (a checksum); otherwise, or when the file cannot be read, the index is read whole and kept anew. A cache: a
/// store without it gives the same index, and deleting it is always safe.
/// </summary>
internal sealed class LatestIndexCache(string path)
{
    /// <summary>The layout of the file; a file of another layout is passed over (and replaced).</summary>
    private const int Layout = 1;

    /// <summary>More entries are not kept (the index of every region of a big store: 28 bytes an entry, on disk and in memory).</summary>
    internal const int MostEntries = 2_000_000;

    /// <summary>The rows of the files committed since the entries were kept, at most this share of them: more, and the index is read whole (a range of its entries is faster than so many rows found by file).</summary>
    private const int MostNewRowsPerKeptEntries = 4;

    /// <summary>A header longer than this is not one this class wrote.</summary>
    private const int MostHeaderBytes = 1 << 10;

    public string Path => path;

    /// <summary>The entries kept, when they were made from the files <paramref name="read"/> holds up to the last of them and the files since are few.</summary>
    public Kept? Load(ObservationRead read)
    {
        var kept = Read(withEntries: true);
        return kept is not null && read.FilesDigest(kept.LastFile) == kept.Files && kept.SeriesAreRead(read) && kept.PeriodsAreKnown()
               && read.RowsAddedAfter(kept.LastFile) <= kept.Count / MostNewRowsPerKeptEntries ? kept : null;
    }

    /// <summary>Keeps the entries <paramref name="entries"/> makes unless the file holds those of every file of <paramref name="read"/> already.</summary>
    public void SaveIfStale(ObservationRead read, Func<List<LatestEntry>> entries)
    {
        if (Read(withEntries: false) is not { } kept || kept.LastFile != read.LastFile || kept.Files != read.FilesDigest(kept.LastFile))
        {
            Save(read, entries());
        }
    }

    /// <summary>Keeps <paramref name="entries"/>, made from the files of <paramref name="read"/>; a file that cannot be written is left as it was.</summary>
    public void Save(ObservationRead read, List<LatestEntry> entries)
    {
        if (entries.Count > MostEntries)
        {
            return;
        }

        var (header, series, period, file, id) = Columns(read, entries);
        var checksum = new Checksum();
        var aside = $"{path}.{Guid.NewGuid():N}.tmp"; // written aside, then put in place at once: a reader finds the former file or this one
        try
        {
            using (var stream = new FileStream(aside, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> number = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteInt32LittleEndian(number, header.Length);
                Put(number[..sizeof(int)]);
                Put(header);
                Put(MemoryMarshal.AsBytes(series.AsSpan()));
                Put(MemoryMarshal.AsBytes(period.AsSpan()));
                Put(MemoryMarshal.AsBytes(file.AsSpan()));
                Put(MemoryMarshal.AsBytes(id.AsSpan()));
                BinaryPrimitives.WriteUInt64LittleEndian(number, checksum.Value);
                stream.Write(number);

                void Put(ReadOnlySpan<byte> part)
                {
                    checksum.Add(part);
                    stream.Write(part);
                }
            }

            File.Move(aside, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process reading the former file (Windows), a full disk, the folder gone: the next read is whole.
            TryDelete(aside);
        }
    }

    /// <summary>The header (layout, schema, files, count) and the four columns of the entries — series, period (<see cref="ReportingPeriod.Ordinal"/>), file, row — in the order the file holds them.</summary>
    private static (byte[] Header, long[] Series, int[] Period, long[] File, long[] Id) Columns(ObservationRead read, List<LatestEntry> list)
    {
        var ids = read.SeriesIds();
        var series = new long[list.Count];
        var period = new int[list.Count];
        var file = new long[list.Count];
        var id = new long[list.Count];
        (SeriesKey? Key, long Id) current = (null, 0); // a series' entries come together: its id looked up once
        var entries = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (!ReferenceEquals(e.Key, current.Key))
            {
                current = (e.Key, ids[e.Key]);
            }

            series[i] = current.Id;
            period[i] = e.Period.Ordinal; // a stored period's year is a plausible one: never -1
            file[i] = e.VintageId;
            id[i] = e.Id;
        }

        using var header = new MemoryStream();
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            var last = read.LastFile;
            var files = read.FilesDigest(last);
            w.Write(Layout);
            w.Write(Schema.LatestVersion);
            w.Write(last);
            w.Write((ulong)(files >> 64));
            w.Write((ulong)files);
            w.Write(list.Count);
        }

        return (header.ToArray(), series, period, file, id);
    }

    /// <summary>The file's header (and entries), or null when there is none, it is not one this build wrote under this schema, or it is damaged.</summary>
    private Kept? Read(bool withEntries)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
            var checksum = new Checksum();
            Span<byte> length = stackalloc byte[sizeof(int)];
            file.ReadExactly(length);
            var headerLength = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (headerLength is < 0 or > MostHeaderBytes)
            {
                return null;
            }

            var header = new byte[headerLength];
            file.ReadExactly(header);
            checksum.Add(length);
            checksum.Add(header);
            var kept = Header(header, withEntries ? file : null, checksum);
            if (kept is null || !withEntries)
            {
                return kept;
            }

            Span<byte> sum = stackalloc byte[sizeof(ulong)];
            file.ReadExactly(sum);
            return BinaryPrimitives.ReadUInt64LittleEndian(sum) == checksum.Value && file.Position == file.Length ? kept : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // EndOfStreamException too: a file cut short
        }
    }

    /// <summary>The kept entries a header describes, their columns read from <paramref name="columns"/> (none when null).</summary>
    private static Kept? Header(byte[] header, FileStream? columns, Checksum checksum)
    {
        using var r = new BinaryReader(new MemoryStream(header), Encoding.UTF8);
        if (r.ReadInt32() != Layout || r.ReadInt32() != Schema.LatestVersion)
        {
            return null;
        }

        var last = r.ReadInt64();
        var files = new UInt128(r.ReadUInt64(), r.ReadUInt64());
        var count = r.ReadInt32();
        if (count is < 0 or > MostEntries)
        {
            return null;
        }

        return columns is null
            ? new Kept(last, files, [], [], [], [])
            : new Kept(last, files, Column<long>(columns, count, checksum), Column<int>(columns, count, checksum), Column<long>(columns, count, checksum), Column<long>(columns, count, checksum));
    }

    private static T[] Column<T>(FileStream file, int count, Checksum checksum)
        where T : struct
    {
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        file.ReadExactly(bytes);
        checksum.Add(bytes);
        return values;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next save's folder to hold; a file name no read looks for.
        }
    }

    /// <summary>
    /// The file's parts hashed one after the other, each hash the seed of the next: XxHash3 of a whole span at once (its
    /// streaming form copies through a small buffer: 52 ms for a 9 MB index, against 1.5 ms).
    /// </summary>
    private sealed class Checksum
    {
        public ulong Value { get; private set; }

        public void Add(ReadOnlySpan<byte> part) => Value = XxHash3.HashToUInt64(part, unchecked((long)Value));
    }

    /// <summary>The entries kept: the latest row of each series and period as of the files up to <see cref="LastFile"/> (<see cref="Files"/>: their digest).</summary>
    internal sealed record Kept(long LastFile, UInt128 Files, long[] Series, int[] Period, long[] File, long[] Id)
    {
        /// <summary>Every period by its <see cref="ReportingPeriod.Ordinal"/>: the column of periods holds those.</summary>
        private static readonly ReportingPeriod[] Periods = [.. Enumerable.Range(0, ReportingPeriod.OrdinalCount).Select(ReportingPeriod.FromOrdinal)];

        public int Count => Series.Length;

        /// <summary>Whether every period of the entries is one of <see cref="Periods"/>.</summary>
        public bool PeriodsAreKnown() => Period.All(p => p is >= 0 and < ReportingPeriod.OrdinalCount);

        /// <summary>Whether every series of the entries is among those read (a series' entries come together: each looked up once).</summary>
        public bool SeriesAreRead(ObservationRead read)
        {
            for (var i = 0; i < Series.Length; i++)
            {
                if ((i == 0 || Series[i] != Series[i - 1]) && !read.Reads(Series[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// These entries with the rows <paramref name="added"/> since (by series, as <see cref="ObservationStore.BySeries"/>
        /// makes them), in the index's order: a series no row was added to is taken as kept, the others made again.
        /// </summary>
        public List<LatestEntry> With(ObservationRead read, Dictionary<SeriesKey, List<(ReportingPeriod Period, long Place, long FileId, long Id)>> added)
        {
            var entries = new List<LatestEntry>(Count + added.Values.Sum(rows => rows.Count));
            var newSeries = NewSeries(read, added);
            for (var start = 0; start < Count;)
            {
                var end = start + 1;
                while (end < Count && Series[end] == Series[start])
                {
                    end++;
                }

                var key = read.Key(Series[start]);
                while (newSeries.TryPeek(out var series) && ObservationStore.SeriesOrder(series, key) < 0)
                {
                    ObservationStore.AddLatest(entries, newSeries.Dequeue(), added[series]);
                }

                if (added.TryGetValue(key, out var rows))
                {
                    Merge(entries, read, key, (start, end), rows);
                }
                else
                {
                    // Written in place (a monthly file leaves nearly every series as kept: 322k entries of the 10M store).
                    var at = entries.Count;
                    CollectionsMarshal.SetCount(entries, at + end - start);
                    var span = CollectionsMarshal.AsSpan(entries)[at..];
                    for (var i = start; i < end; i++)
                    {
                        span[i - start] = new LatestEntry(key, Periods[Period[i]], File[i], Id[i]);
                    }
                }

                start = end;
            }

            foreach (var series in newSeries)
            {
                ObservationStore.AddLatest(entries, series, added[series]);
            }

            return entries;
        }

        /// <summary>The series rows were <paramref name="added"/> to that none of these entries is of, in the index's order.</summary>
        private Queue<SeriesKey> NewSeries(ObservationRead read, Dictionary<SeriesKey, List<(ReportingPeriod Period, long Place, long FileId, long Id)>> added)
        {
            if (added.Count == 0)
            {
                return [];
            }

            var ids = read.SeriesIds();
            var kept = new HashSet<long>();
            for (var i = 0; i < Count; i++)
            {
                if (i == 0 || Series[i] != Series[i - 1])
                {
                    kept.Add(Series[i]);
                }
            }

            return new(added.Keys.Where(k => !kept.Contains(ids[k])).Order(Comparer<SeriesKey>.Create(ObservationStore.SeriesOrder)));
        }

        /// <summary>
        /// The series' entries kept (one per period, in order) and its rows added since, by period, written in place: of a
        /// period in both, the later in the vintages' order wins (as <see cref="ObservationStore.AddLatest"/>). One pass.
        /// </summary>
        private void Merge(List<LatestEntry> entries, ObservationRead read, SeriesKey key, (int Start, int End) range,
            List<(ReportingPeriod Period, long Place, long FileId, long Id)> rows)
        {
            var added = new List<LatestEntry>(rows.Count);
            ObservationStore.AddLatest(added, key, rows);
            var at = entries.Count;
            CollectionsMarshal.SetCount(entries, at + (range.End - range.Start) + added.Count); // at most
            var span = CollectionsMarshal.AsSpan(entries);
            var j = 0;
            for (var i = range.Start; i < range.End; i++)
            {
                var kept = new LatestEntry(key, Periods[Period[i]], File[i], Id[i]);
                for (; j < added.Count && added[j].Period < kept.Period; j++)
                {
                    span[at++] = added[j];
                }

                span[at++] = j < added.Count && added[j].Period == kept.Period ? Later(read, added[j++], kept) : kept;
            }

            for (; j < added.Count; j++)
            {
                span[at++] = added[j];
            }

            CollectionsMarshal.SetCount(entries, at);
        }

        /// <summary>Of two entries of a period, the later in the vintages' order (<see cref="ObservationStore.VintageOrder"/>, then file, then row).</summary>
        private static LatestEntry Later(ObservationRead read, LatestEntry a, LatestEntry b)
        {
            var (placeA, placeB) = (read.Place(a.VintageId), read.Place(b.VintageId));
            return placeA != placeB ? (placeA > placeB ? a : b)
                : a.VintageId != b.VintageId ? (a.VintageId > b.VintageId ? a : b)
                : a.Id > b.Id ? a : b;
        }
    }
}
