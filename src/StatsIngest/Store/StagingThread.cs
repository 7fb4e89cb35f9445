using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// Stages a big file's observations on a second thread while the caller reads and normalizes the next ones: the
/// database's inserts and the reading overlap (each about half of a large file's time before the commit). In the order
/// read, a batch at a time, at most <see cref="BatchesAhead"/> batches ahead of the staging (memory stays bounded);
/// a file smaller than one batch is staged on the caller's thread and never starts one. A failure of the staging (a full
/// disk) is thrown to the caller, as it was thrown, at its next batch or when it completes the file.
/// </summary>
internal sealed class StagingThread(FileStaging staging) : IDisposable
{
    private const int BatchSize = 2048;
    private const int BatchesAhead = 4;

    private Observation[] _batch = new Observation[BatchSize];
    private int _filled;
    private BlockingCollection<(Observation[] Items, int Count)>? _queue;
    private Thread? _thread;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _abandoned;

    /// <summary>How many observations were taken (all of them staged once <see cref="Drain"/> returned).</summary>
    public int Taken { get; private set; }

    public void Add(Observation observation)
    {
        _batch[_filled++] = observation;
        Taken++;
        if (_filled == BatchSize)
        {
            Hand();
        }
    }

    /// <summary>Waits until every observation taken is staged (on this thread when the staging one never started, or what is left after it stopped).</summary>
    public void Drain()
    {
        if (_queue is not null)
        {
            if (_filled > 0 && _failure is null)
            {
                Hand();
            }

            Stop();
        }

        // A failure is thrown each time the file is asked to be complete, not only the first.
        _failure?.Throw();
        StageOwn();
    }

    public void Dispose()
    {
        _abandoned = true;
        Stop();
    }

    private void Hand()
    {
        _failure?.Throw();
        if (_queue is null)
        {
            _queue = new BlockingCollection<(Observation[], int)>(BatchesAhead);
            _thread = new Thread(Run) { IsBackground = true, Name = "StatsIngest staging" };
            _thread.Start();
        }

        _queue.Add((_batch, _filled));
        _batch = new Observation[BatchSize];
        _filled = 0;
    }

    private void Run()
    {
        foreach (var (items, count) in _queue!.GetConsumingEnumerable())
        {
            // After a failure (or once abandoned) the batches still handed are taken and dropped: the caller never waits.
            if (_failure is not null || _abandoned)
            {
                continue;
            }

            try
            {
                for (var i = 0; i < count; i++)
                {
                    staging.Add(items[i]);
                }
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
        }
    }

    private void StageOwn()
    {
        for (var i = 0; i < _filled; i++)
        {
            staging.Add(_batch[i]);
        }

        Array.Clear(_batch, 0, _filled);
        _filled = 0;
    }

    private void Stop()
    {
        if (_queue is null)
        {
            return;
        }

        _queue.CompleteAdding();
        _thread!.Join();
        _queue.Dispose();
        _queue = null;
        _thread = null;
    }
}
