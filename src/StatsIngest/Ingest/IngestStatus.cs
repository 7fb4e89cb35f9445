using System.Collections.Concurrent;

namespace StatsIngest.Ingest;

/// <summary>
/// What the ingest side is waiting on, for the health check and the operator's page: files left in work/ by a passing
/// fault (a locked database, a full disk) with the fault and since when, and the last refresh that failed.
/// </summary>
public sealed class IngestStatus(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset Since, int Tries)> _deferred = new(StringComparer.Ordinal);

    /// <summary>The files waiting for a passing fault to pass: name → (the fault, since when, how many tries).</summary>
    public IReadOnlyDictionary<string, (string Reason, DateTimeOffset Since, int Tries)> Deferred => _deferred;

    /// <summary>Why the last refresh of the indicators and workbooks failed, when, and how many failed in a row; null after a refresh that worked.</summary>
    public (string Reason, DateTimeOffset At, int Tries)? RefreshFailure { get; private set; }

    /// <summary>The file being read now and since when; null between files.</summary>
    public (string File, DateTimeOffset Since)? Reading { get; private set; }

    public void StartReading(string file) => Reading = (file, clock.GetUtcNow());

    public void StopReading() => Reading = null;

    /// <summary>Notes one more try that a passing fault stopped; returns how many tries it has stopped so far.</summary>
    public int Defer(string file, string reason) =>
        _deferred.AddOrUpdate(file, _ => (reason, clock.GetUtcNow(), 1), (_, d) => (reason, d.Since, d.Tries + 1)).Tries;

    public void Done(string file) => _deferred.TryRemove(file, out _);

    public void Refreshed(string? failure) =>
        RefreshFailure = failure is null ? null : (failure, clock.GetUtcNow(), (RefreshFailure?.Tries ?? 0) + 1);

    /// <summary>
    /// When a failed refresh is to be tried again (null: none failed): <see cref="RetryWait"/> after the last failure.
    /// </summary>
    public DateTimeOffset? RefreshRetryAt(double baseSeconds)
    {
        if (RefreshFailure is not { } failure)
        {
            return null;
        }

        return failure.At + RetryWait.After(baseSeconds, failure.Tries);
    }
}
