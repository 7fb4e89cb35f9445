namespace StatsIngest.Ingest;

/// <summary>
/// Who ends a file's processing when it is stopped (Limits:FileSeconds, the service stopping) near its end: the
/// processing or the stop, never both. The processing claims the end once all is written, just before its transaction
/// commits (or before it sets a refused file aside itself); the runner claims the stop before it sets the file aside.
/// The first claim wins: a stopped processing commits nothing, and an end under way is waited for instead of its file
/// being put in quarantine meanwhile.
/// </summary>
public sealed class CommitClaim(CancellationToken stop)
{
    private const int Open = 0, Finishing = 1, Stopped = 2;
    private int _state;

    /// <summary>Cancelled when the processing is to stop (checked while reading, interrupts the store's statements).</summary>
    public CancellationToken Token => stop;

    /// <summary>True when the processing may end the file itself (commit it, or set it aside): it was not stopped, and now can no longer be.</summary>
    public bool TryFinish() => !stop.IsCancellationRequested && Interlocked.CompareExchange(ref _state, Finishing, Open) == Open;

    /// <summary>True when the processing is stopped before its end (or had stopped already); false when it is ending the file itself.</summary>
    public bool TryStop() => Interlocked.CompareExchange(ref _state, Stopped, Open) != Finishing;
}
