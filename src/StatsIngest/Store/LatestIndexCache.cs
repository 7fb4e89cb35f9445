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

    /// <summary>The entries kept, when they were made from the files <paramref name="read"/> holds up to the last of them and the files since are few.</summary>
    public Kept? Load(ObservationRead read)
    {
        var kept = Read(withEntries: true);
        return kept is not null && read.FilesDigest(kept.LastFile) == kept.Files && kept.SeriesAreRead(read) && kept.PeriodsAreKnown()
               && read.RowsAddedAfter(kept.LastFile) <= kept.Count / MostNewRowsPerKeptEntries ? kept : null;
    }

    /// <summary>Keeps the entries <paramref name="entries"/> makes (<paramref name="count"/> of them) unless the file holds those of every file of <paramref name="read"/> already.</summary>
    public void SaveIfStale(ObservationRead read, Func<IEnumerable<LatestEntry>> entries, int count)
    {
        if (Read(withEntries: false) is not { } kept || kept.LastFile != read.LastFile || kept.Files != read.FilesDigest(kept.LastFile))
        {
            Save(read, entries(), count);
        }
    }

    /// <summary>
    /// Keeps the <paramref name="count"/> <paramref name="entries"/> (passed over once per column, written as they come: no
    /// copy of them is made), made from the files of <paramref name="read"/>; a file that cannot be written is left as it was.
    /// </summary>
    public void Save(ObservationRead read, IEnumerable<LatestEntry> entries, int count)
    {
        if (count > MostEntries)
        {
            return;
        }

        var header = Header(read, count);
        var checksum = new Checksum();
        var aside = $"{path}.{Guid.NewGuid():N}.tmp"; // written aside, then put in place at once: a reader finds the former file or this one
        try
        {
            using (var stream = new FileStream(aside, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> number = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteInt32LittleEndian(number, header.Length);
                Put(stream, checksum, number[..sizeof(int)]);
                Put(stream, checksum, header);
                var ids = read.SeriesIds();
                (SeriesKey? Key, long Id) series = (null, 0); // a series' entries come together: its id looked up once
                WriteColumn(stream, checksum, entries, e => ReferenceEquals(e.Key, series.Key) ? series.Id : (series = (e.Key, ids[e.Key])).Id);
                WriteColumn(stream, checksum, entries, e => e.Period.Ordinal); // a stored period's year is a plausible one: never -1
                WriteColumn(stream, checksum, entries, e => e.VintageId);
                WriteColumn(stream, checksum, entries, e => e.Id);
                BinaryPrimitives.WriteUInt64LittleEndian(number, checksum.Value);
                stream.Write(number);
            }

            File.Move(aside, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process reading the former file (Windows), a full disk, the folder gone: the next read is whole.
            TryDelete(aside);
        }
    }

    /// <summary>One column of the entries (series, period as <see cref="ReportingPeriod.Ordinal"/>, file or row), a few thousand values at a time.</summary>
    private static void WriteColumn<T>(FileStream stream, Checksum checksum, IEnumerable<LatestEntry> entries, Func<LatestEntry, T> value)
        where T : unmanaged
    {
        var chunk = new T[8192];
        var at = 0;
        foreach (var e in entries)
        {
            chunk[at++] = value(e);
            if (at == chunk.Length)
            {
                Put(stream, checksum, MemoryMarshal.AsBytes(chunk.AsSpan()));
                at = 0;
            }
        }

        Put(stream, checksum, MemoryMarshal.AsBytes(chunk.AsSpan(0, at)));
    }

    private static void Put(FileStream stream, Checksum checksum, ReadOnlySpan<byte> part)
    {
        checksum.Add(part);
        stream.Write(part);
    }

    /// <summary>The header: layout, schema, the files the entries were made from (the last one's id, their digest), how many entries follow.</summary>
    private static byte[] Header(ObservationRead read, int count)
    {
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
            w.Write(count);
        }

        return header.ToArray();
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
    /// The checksum of the file's bytes: XxHash3 of each block of 64 KiB, each hash the seed of the next. (XxHash3's own
    /// streaming form copies through a small buffer: 52 ms for a 9 MB index, against 1.5 ms for its blocks at once.)
    /// </summary>
    private sealed class Checksum
    {
        private readonly byte[] _block = new byte[1 << 16];
        private int _filled;
        private ulong _sum;

        public ulong Value
        {
            get
            {
                Hash();
                return _sum;
            }
        }

        public void Add(ReadOnlySpan<byte> part)
        {
            while (part.Length > 0)
            {
                var take = Math.Min(part.Length, _block.Length - _filled);
                part[..take].CopyTo(_block.AsSpan(_filled));
                _filled += take;
                part = part[take..];
                if (_filled == _block.Length)
                {
                    Hash();
                }
            }
        }

        private void Hash()
        {
            if (_filled > 0)
            {
                _sum = XxHash3.HashToUInt64(_block.AsSpan(0, _filled), unchecked((long)_sum));
                _filled = 0;
            }
        }
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
