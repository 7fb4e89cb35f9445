using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace StatsIngest.Read;

/// <summary>
/// A sheet's rows read on a thread of their own, a few batches ahead of the one that takes them: a workbook's XML is
/// parsed on one core while its rows are normalized on the other. The rows come in their order; what the reading throws
/// (a refusal, a cancellation) comes where it happened, after the rows before it. Disposing — all rows taken or not —
/// stops the thread and waits for it, so the reader is the caller's again (the next sheet, <see cref="SheetStream.Finish"/>).
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    private const int BatchRows = 256;
    private const int BatchesAhead = 16;

    private readonly IEnumerator<IReadOnlyList<RawCell>> _rows;
    private readonly BlockingCollection<List<IReadOnlyList<RawCell>>> _queue = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    public ReadAhead(IEnumerator<IReadOnlyList<RawCell>> rows)
    {
        _rows = rows;
        _thread = new Thread(Run) { IsBackground = true, Name = "StatsIngest read-ahead" };
        _thread.Start();
    }

    /// <summary>How many rows the thread took from the reader (read once disposed: taken or not by the caller).</summary>
    public int Pulled { get; private set; }

    /// <summary>The rows, in order; then what the reading threw, if it did.</summary>
    public IEnumerable<IReadOnlyList<RawCell>> Rows()
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            foreach (var row in batch)
            {
                yield return row;
            }
        }

        _failure?.Throw();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _queue.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var batch = new List<IReadOnlyList<RawCell>>(BatchRows);
        try
        {
            try
            {
                while (!_stop.IsCancellationRequested && _rows.MoveNext())
                {
                    Pulled++;
                    batch.Add(_rows.Current);
                    if (batch.Count == BatchRows)
                    {
                        var full = batch;
                        batch = new List<IReadOnlyList<RawCell>>(BatchRows);
                        _queue.Add(full, _stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                _failure = ExceptionDispatchInfo.Capture(ex); // thrown to the caller after the rows read before it
            }

            if (batch.Count > 0)
            {
                _queue.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller stopped taking rows: nothing more is read.
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }
}
