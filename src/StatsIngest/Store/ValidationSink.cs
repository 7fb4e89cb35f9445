using StatsIngest.Collections;
using StatsIngest.Domain;
using StatsIngest.Normalize;

namespace StatsIngest.Store;

/// <summary>
/// What validate reads a file into: its observations as a commit would take them (the first of each series and period,
/// in the order read), and the conflicts ingest would find — without a store's staging while the order of the rows
/// vouches that no series and period comes twice (<see cref="RepeatWatch"/>: period after period, series after
/// series). Those rows go to a spool file in the order read and are read back from it. At the first row the order no
/// longer vouches for, the rows spooled so far and every row after them go to a trial of the store
/// (<see cref="ObservationStore.BeginTrial"/>, never committed), which finds repeats and conflicts as ingest's staging
/// does. Memory stays bounded either way: the watch gives up past its limit of keys, as the series' numbers here do.
/// </summary>
public sealed class ValidationSink : IObservationSink, IDisposable
{
    private readonly ObservationStore _store;
    private readonly string _spoolPath;
    private readonly RepeatWatch _watch = new();
    private readonly Dictionary<SeriesKey, long> _series = [];
    private BinaryWriter? _spool;
    private FileSession? _trial;
    private int _spooled;
    private Provenance? _first; // the file and hash the spooled rows came from (the spool keeps neither: every row has the same)

    /// <param name="store">The scratch store a trial is begun in when the order does not vouch.</param>
    /// <param name="spoolPath">A file of the scratch folder: made here, removed when disposed.</param>
    public ValidationSink(ObservationStore store, string spoolPath)
    {
        _store = store;
        _spoolPath = spoolPath;
        _spool = new BinaryWriter(new FileStream(spoolPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>Whether the rows went to a trial of the store (their order did not vouch); false while they are spooled.</summary>
    public bool Staged => _trial is not null;

    public int Count => _trial?.Count ?? _spooled;

    public Observation? Add(Observation observation)
    {
        if (_trial is null)
        {
            _watch.Add(_series.GetOrAdd(observation.Key, _ => _series.Count + 1), observation.Period.Code);
            if (!_watch.MayRepeat && _series.Count <= RepeatWatch.MaxKeys)
            {
                ObservationSpool.Write(_spool!, observation);
                _first ??= observation.Source;
                _spooled++;
                return null;
            }

            StageSpooled();
        }

        return _trial!.Add(observation);
    }

    public IReadOnlyList<Problem> Conflicts(int max) => _trial?.Conflicts(max) ?? []; // each series and period once: none

    /// <summary>Once the file is read: how many observations a commit would take (each series and period once).</summary>
    public int Distinct() => _trial?.Distinct() ?? _spooled;

    /// <summary>Once the file is read: its observations as a commit would take them, in the order read, streamed back.</summary>
    public IEnumerable<Observation> Observations(string fileName, string sha256)
    {
        if (_trial is not null)
        {
            return _trial.Staged(fileName, sha256);
        }

        _spool!.Dispose();
        _spool = null;
        return ObservationSpool.Read(_spoolPath, _spooled, fileName, sha256);
    }

    public void Dispose()
    {
        _spool?.Dispose();
        _trial?.Dispose();
        File.Delete(_spoolPath);
    }

    /// <summary>From here on a trial of the store takes the rows: first those spooled, in their order.</summary>
    private void StageSpooled()
    {
        _spool!.Dispose();
        _spool = null;
        _series.Clear();
        _trial = _store.BeginTrial();
        foreach (var spooled in _first is { } first ? ObservationSpool.Read(_spoolPath, _spooled, first.FileName, first.Sha256) : [])
        {
            _trial.Add(spooled);
        }
    }
}
