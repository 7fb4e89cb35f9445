namespace StatsIngest.Read;

/// <summary>
/// Lets the cell reader open an .xlsx while <see cref="XlsxInspection"/> looks through the same file on another thread,
/// never ahead of it: the inspection tells which bytes of the file it has read (<see cref="Saw"/>), and a read of the
/// cell reader waits until the bytes it asks for are among them, or until the inspection has finished. A hostile part
/// (a zip bomb, a DTD, a reference past XFD) is therefore met by the inspection first, whose refusal then stops the cell
/// reader (<see cref="InspectionFailedException"/>); a genuine workbook is checked and opened at once, on two cores.
/// </summary>
internal sealed class InspectionGate
{
    /// <summary>
    /// Bytes the inspection's zip reader steps over between two reads (a local header's fields and the part's name) count
    /// as read: a gap of at most this many bytes holds no part's content worth a bomb (1 KB of deflate makes ≤ 1 MB).
    /// </summary>
    private const int Skipped = 1024;

    private readonly object _sync = new();
    private readonly List<(long Start, long End)> _seen = [];
    private bool _finished;
    private bool _failed;

    /// <summary>The inspection read the bytes [start, start + count) of the file.</summary>
    public void Saw(long start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (_sync)
        {
            Add(start, start + count);
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>The inspection is over: every read may go on, or, when it refused the file, none.</summary>
    public void Finish(bool failed)
    {
        lock (_sync)
        {
            _finished = true;
            _failed = failed;
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Waits until the inspection has read the bytes [start, start + count) or has finished.</summary>
    public void WaitFor(long start, int count, CancellationToken cancel)
    {
        lock (_sync)
        {
            while (!_finished && !Covered(start, start + count))
            {
                cancel.ThrowIfCancellationRequested();
                Monitor.Wait(_sync, 100);
            }

            if (_failed)
            {
                throw new InspectionFailedException();
            }
        }
    }

    private bool Covered(long start, long end) =>
        end <= start || _seen.Exists(s => s.Start <= start && end <= s.End);

    /// <summary>Adds a range to the sorted, disjoint ranges read so far, merging it with those it touches or nearly touches.</summary>
    private void Add(long start, long end)
    {
        var i = _seen.FindIndex(s => s.End + Skipped >= start);
        if (i < 0)
        {
            _seen.Add((start, end));
            return;
        }

        while (i < _seen.Count && _seen[i].Start <= end + Skipped)
        {
            start = Math.Min(start, _seen[i].Start);
            end = Math.Max(end, _seen[i].End);
            _seen.RemoveAt(i);
        }

        _seen.Insert(i, (start, end));
    }

    /// <summary>Thrown to the cell reader when the inspection refused the file; the inspection's refusal is what is reported.</summary>
    public sealed class InspectionFailedException : Exception
    {
        public InspectionFailedException()
            : base("The inspection of the workbook refused it.")
        {
        }
    }
}
