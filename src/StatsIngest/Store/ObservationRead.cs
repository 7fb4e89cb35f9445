using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// A read of observations: the files (vintages) known at a date and the keys of the series of some regions are read first,
/// once, then the rows — in one pass or in ranges of their ids, on as many connections. A file committed while this reads
/// is passed over whole (its rows are skipped), and every series of the files read is there when the series are read.
/// </summary>
internal sealed class ObservationRead
{
    private readonly StoreDatabase _database;
    private readonly Dictionary<long, (string Name, string Sha256, DateTimeOffset At, long Place, long Added)> _files;
    private readonly Dictionary<long, SeriesKey> _keys;
    private readonly List<(string Name, string Value)> _parameters;

    /// <summary>The condition on the series' ids (<c>o.series_id IN (…)</c>), or empty for all.</summary>
    private readonly string _series;

    private ObservationRead(StoreDatabase database, Dictionary<long, (string, string, DateTimeOffset, long, long)> files,
        Dictionary<long, SeriesKey> keys, List<(string Name, string Value)> parameters, string series)
    {
        _database = database;
        _files = files;
        _keys = keys;
        _parameters = parameters;
        _series = series;
    }

    /// <summary>The observations of the given regions (all when null) whose file was ingested by <paramref name="asOf"/> (all when null).</summary>
    public static ObservationRead Of(DbConnection c, StoreDatabase database, DateTimeOffset? asOf, IReadOnlyCollection<string>? regions)
    {
        var parameters = (regions ?? []).Select((region, i) => (Name: "@region" + i.ToString(CultureInfo.InvariantCulture), Value: region)).ToList();
        var inRegions = regions is null ? string.Empty : $"region IN ({string.Join(", ", parameters.Select(p => p.Name))})";
        var files = ReadVintages(c, database, asOf);
        var keys = ReadSeries(c, database, inRegions, parameters);
        return new ObservationRead(database, files, keys, parameters, regions is null ? string.Empty : $"o.series_id IN (SELECT id FROM series WHERE {inRegions})");
    }

    /// <summary>The first and last ids of the rows read, or null when there are none (of all rows: the table's first and last).</summary>
    public (long First, long Last)? Ids(DbConnection c)
    {
        using var r = _database.Query(c, null, $"SELECT MIN(o.id), MAX(o.id) FROM observations o {Condition(string.Empty)}", _parameters);
        return r.Read() && !r.IsNull(0) ? (r.Int64(0), r.Int64(1)) : null;
    }

    /// <summary>
    /// The rows whose ids are from <paramref name="first"/> to <paramref name="last"/>, in the table's order, each with its
    /// vintage's place (<see cref="ObservationStore.VintageOrder"/>). A row reads the observation's own columns only.
    /// </summary>
    public IEnumerable<(Observation Observation, long Place)> Range(DbConnection c, long first, long last)
    {
        // Of some series, the ids a filter on their index's entries (each row's table page read only when it is in the
        // range); of all, a range of the table.
        var ids = string.Create(CultureInfo.InvariantCulture, $"{(_series.Length == 0 ? "o.id" : "+o.id")} BETWEEN {first} AND {last}");
        return Read(c, $"""
            SELECT {Columns}
            FROM observations o {Condition(ids)}
            """);
    }

    /// <summary>Every row in the order they were recorded (<see cref="ObservationStore.VintageOrder"/>, file, id).</summary>
    public IEnumerable<(Observation Observation, long Place)> InOrderRecorded(DbConnection c) => Read(c, $"""
        SELECT {Columns}
        FROM observations o JOIN files f ON f.id = o.file_id {Condition(string.Empty)}
        ORDER BY {ObservationStore.VintageOrder}, o.file_id, o.id
        """);

    /// <summary>
    /// Of every row read, its series, period, file and id — the columns of the index by series and period, so that no row
    /// of the table is visited — with its vintage's place; the rows of files not read are passed over. In no given order.
    /// </summary>
    /// <param name="c">The connection to read on.</param>
    /// <param name="upTo">Only the series of ids up to this one.</param>
    /// <param name="above">Only the series of ids above this one.</param>
    /// <param name="afterFile">Only the rows of the files of ids above this one, found through the index of the rows by file (not by series).</param>
    public IEnumerable<(SeriesKey Key, string Period, long FileId, long Id, long Place)> Entries(DbConnection c, long? upTo = null, long? above = null, long? afterFile = null)
    {
        var range = string.Join(" AND ", new[]
        {
            upTo is { } last ? string.Create(CultureInfo.InvariantCulture, $"o.series_id <= {last}") : null,
            above is { } first ? string.Create(CultureInfo.InvariantCulture, $"o.series_id > {first}") : null,
            afterFile is { } lastFile ? string.Create(CultureInfo.InvariantCulture, $"o.file_id > {lastFile}") : null,
        }.OfType<string>());
        var condition = Condition(range, bySeriesIndex: afterFile is null);
        using var r = _database.Query(c, null, $"SELECT o.series_id, o.period, o.file_id, o.id FROM observations o {condition}", _parameters);
        (long Id, SeriesKey Key) series = (-1, null!);
        while (r.Read())
        {
            if (!_files.TryGetValue(r.Int64(2), out var file))
            {
                continue; // committed after the files were read
            }

            var seriesId = r.Int64(0);
            if (seriesId != series.Id)
            {
                series = (seriesId, _keys[seriesId]);
            }

            yield return (series.Key, r.Shared(1), r.Int64(2), r.Int64(3), file.Place);
        }
    }

    /// <summary>The greatest id of the files read, or 0 when there are none.</summary>
    public long LastFile => _files.Count == 0 ? 0 : _files.Keys.Max();

    /// <summary>A digest of the files read of ids up to <paramref name="last"/>: their ids, hashes and times (what tells one store's files from another's).</summary>
    public UInt128 FilesDigest(long last)
    {
        var hash = new XxHash128();
        Span<byte> id = stackalloc byte[16];
        foreach (var (fileId, file) in _files.Where(f => f.Key <= last).OrderBy(f => f.Key))
        {
            BinaryPrimitives.WriteInt64LittleEndian(id, fileId);
            BinaryPrimitives.WriteInt64LittleEndian(id[8..], file.At.UtcTicks);
            hash.Append(id);
            hash.Append(Encoding.UTF8.GetBytes(file.Sha256));
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>How many observations the files read of ids above <paramref name="last"/> added (of every region).</summary>
    public long RowsAddedAfter(long last) => _files.Where(f => f.Key > last).Sum(f => f.Value.Added);

    /// <summary>Whether the series of this id is among those read.</summary>
    public bool Reads(long seriesId) => _keys.ContainsKey(seriesId);

    /// <summary>The key of a series read.</summary>
    public SeriesKey Key(long seriesId) => _keys[seriesId];

    /// <summary>The place among the vintages (<see cref="ObservationStore.VintageOrder"/>) of a file read.</summary>
    public long Place(long fileId) => _files[fileId].Place;

    /// <summary>The id of every series read, by its key (the instance this read made).</summary>
    public Dictionary<SeriesKey, long> SeriesIds()
    {
        var ids = new Dictionary<SeriesKey, long>(_keys.Count, ReferenceEqualityComparer.Instance);
        foreach (var (id, key) in _keys)
        {
            ids[key] = id;
        }

        return ids;
    }

    /// <summary>The id that splits the series read in two halves, or null when fewer than <paramref name="atLeast"/> are read.</summary>
    public long? MiddleSeries(int atLeast)
    {
        if (_keys.Count < Math.Max(2, atLeast))
        {
            return null;
        }

        var ids = _keys.Keys.Order().ToArray();
        return ids[(ids.Length / 2) - 1];
    }

    /// <summary>The ids of the rows read that carry a flag (through the index of the flagged rows: no other row visited).</summary>
    public HashSet<long> Flagged(DbConnection c)
    {
        using var r = _database.Query(c, null, $"SELECT o.id FROM observations o {Condition(FlaggedRows)}", _parameters);
        var ids = new HashSet<long>();
        while (r.Read())
        {
            ids.Add(r.Int64(0));
        }

        return ids;
    }

    /// <summary>The condition of the index of the flagged rows (schema version 11): a query that names it exactly can use it.</summary>
    internal const string FlaggedRows = "o.flags <> ''";

    /// <summary>The rows of the given ids (ascending), a thousand at a time, each with its vintage's place.</summary>
    public IEnumerable<(Observation Observation, long Place)> Rows(DbConnection c, IReadOnlyList<long> ids)
    {
        for (var at = 0; at < ids.Count; at += RowsPerQuery)
        {
            var some = string.Join(", ", ids.Skip(at).Take(RowsPerQuery).Select(id => id.ToString(CultureInfo.InvariantCulture)));
            foreach (var row in Read(c, $"SELECT {Columns} FROM observations o WHERE o.id IN ({some})", []))
            {
                yield return row;
            }
        }
    }

    private const int RowsPerQuery = 1000;

    /// <param name="ids">The condition on the rows' ids or files, or empty.</param>
    /// <param name="bySeriesIndex">False: the rows of some series are not looked for through the index by series (<c>+o.series_id</c>: another condition's index finds fewer).</param>
    private string Condition(string ids, bool bySeriesIndex = true)
    {
        var series = bySeriesIndex || _series.Length == 0 ? _series : "+" + _series;
        var terms = new[] { ids, series }.Where(t => t.Length > 0).ToArray();
        return terms.Length == 0 ? string.Empty : "WHERE " + string.Join(" AND ", terms);
    }

    /// <summary>The columns of an observation's row, in the positions <see cref="Read"/> takes them from.</summary>
    private const string Columns = ObservationColumns.List;

    private IEnumerable<(Observation Observation, long Place)> Read(DbConnection c, string sql) => Read(c, sql, _parameters);

    private IEnumerable<(Observation Observation, long Place)> Read(DbConnection c, string sql, IEnumerable<(string Name, string Value)> parameters)
    {
        using var r = _database.Query(c, null, sql, parameters);
        var columns = new ObservationColumns();
        // A series' rows come together, and mostly of one file: each is looked up when it changes.
        (long Id, SeriesKey Key) series = (-1, null!);
        (long Id, (string Name, string Sha256, DateTimeOffset At, long Place, long Added)? File) vintage = (-1, null);
        while (r.Read())
        {
            var fileId = r.Int64(6);
            if (fileId != vintage.Id)
            {
                vintage = (fileId, _files.TryGetValue(fileId, out var found) ? found : null);
            }

            if (vintage.File is not { } file)
            {
                continue; // ingested after asOf, or after the files were read
            }

            var seriesId = r.Int64(1);
            if (seriesId != series.Id)
            {
                series = (seriesId, _keys[seriesId]);
            }

            yield return (columns.Read(r, series.Key, (file.Name, file.Sha256), fileId, file.At), file.Place);
        }
    }

    /// <summary>The key of every series (of the regions <paramref name="inRegions"/> names, when not empty) by id.</summary>
    private static Dictionary<long, SeriesKey> ReadSeries(DbConnection c, StoreDatabase database, string inRegions, IEnumerable<(string Name, string Value)> parameters)
    {
        using var r = database.Query(c, null, "SELECT id, indicator, region, industry, basis, measure FROM series"
            + (inRegions.Length == 0 ? string.Empty : " WHERE " + inRegions), parameters);
        var keys = new Dictionary<long, SeriesKey>();
        while (r.Read())
        {
            keys[r.Int64(0)] = ObservationColumns.Key(r, 1);
        }

        return keys;
    }

    /// <summary>The files ingested by <paramref name="asOf"/> (all when null) by id: name, hash, time and place among the vintages.</summary>
    private static Dictionary<long, (string Name, string Sha256, DateTimeOffset At, long Place, long Added)> ReadVintages(DbConnection c, StoreDatabase database, DateTimeOffset? asOf)
    {
        using var r = database.Query(c, null, $"SELECT f.id, f.file_name, f.sha256, f.ingested_at, {ObservationStore.VintageOrder}, f.observations_added FROM files f"
            + (asOf is null ? string.Empty : " WHERE f.ingested_at <= @asOf"), asOf is null ? [] : [("@asOf", ObservationStore.Iso(asOf.Value))]);
        var files = new Dictionary<long, (string, string, DateTimeOffset, long, long)>();
        while (r.Read())
        {
            files[r.Int64(0)] = (r.Text(1), r.Text(2), ObservationStore.Time(r.Text(3)), r.Int64(4), r.Int64(5));
        }

        return files;
    }
}
