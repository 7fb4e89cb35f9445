using System.Data.Common;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize;

namespace StatsIngest.Store;

/// <summary>
/// One file on its way into the store, as the sink of its reading: observations staged as they are read, in one
/// transaction held open until the file is complete — then committed with its ledger row and delivery, or, when the
/// session is disposed first (the file is refused, the reading fails, the service stops), nothing is written.
/// </summary>
public sealed class FileSession : IObservationSink, IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly FileStaging _staged;
    private readonly StagingThread _staging;
    private readonly StoreDatabase _database;
    private readonly CancellationTokenRegistration _interrupt;
    private bool _done;

    internal FileSession(DbConnection connection, DbTransaction transaction, FileStaging staged, StoreDatabase database, CancellationToken stop)
    {
        _connection = connection;
        _transaction = transaction;
        _staged = staged;
        _staging = new StagingThread(staged);
        _database = database;
        // A statement running when the processing is stopped (a commit of millions of rows past Limits:FileSeconds) ends
        // at once instead of holding the store's locks for minutes; its failure rolls the file back.
        _interrupt = stop.Register(Interrupt);
    }

    public int Count => _staging.Taken;

    /// <summary>Takes an observation (staged on a second thread for a big file); the staging says nothing back.</summary>
    public Observation? Add(Observation observation)
    {
        _staging.Add(observation);
        return null;
    }

    public IReadOnlyList<Problem> Conflicts(int max)
    {
        _staging.Drain();
        return _staged.Conflicts(max);
    }

    /// <summary>Once the file is read: how many observations a commit would take (each series and period once).</summary>
    public int Distinct()
    {
        _staging.Drain();
        return _staged.Distinct();
    }

    /// <summary>
    /// Once the file is read: its observations as a commit would take them (the first of each series and period), in
    /// the order read, streamed back from the staging — how validate shows a file of any size without holding it.
    /// </summary>
    public IEnumerable<Observation> Staged(string fileName, string sha256)
    {
        _staging.Drain();
        return _staged.Rows(_database, (fileName, sha256));
    }

    /// <summary>
    /// Commits the file as a new vintage (a value unchanged since the latest adds nothing), with its delivery row —
    /// when <paramref name="mayCommit"/> says yes once all is written: a processing stopped meanwhile (its file set aside)
    /// says no, and nothing is committed.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="mayCommit"/> said no; the session rolls back when disposed.</exception>
    public IngestCommit Complete(FileRecord file, DateTimeOffset receivedAt, Func<bool>? mayCommit = null)
    {
        _staging.Drain();
        var commit = ObservationStore.Insert(_connection, _transaction, _database, file, _staged, lineage: null);
        ObservationStore.InsertDelivery(_connection, _transaction, file.FileName, file.Sha256, receivedAt, DeliveryOutcome.Ingested, commit.FileId, file.ArchivePath,
            $"{Counted.Of(commit.Added, "observation")} added, {commit.Unchanged} unchanged");
        if (mayCommit?.Invoke() == false)
        {
            throw new OperationCanceledException("The processing was stopped before its commit.");
        }

        _interrupt.Dispose(); // the end is this session's now: its commit (and a big one's VACUUM) not interrupted; one under way is waited for
        return Finish(commit);
    }

    /// <summary>Commits a new reading of an archived file, compared with its own earlier readings; nothing when nothing changed (file id 0).</summary>
    public IngestCommit CompleteReprocessed(FileRecord reading)
    {
        _staging.Drain();
        var commit = ObservationStore.Insert(_connection, _transaction, _database, reading, _staged, lineage: reading.ReprocessOf);
        if (commit.Added == 0 && commit.Withdrawn == 0)
        {
            _transaction.Rollback();
            _done = true;
            return commit with { FileId = 0 };
        }

        return Finish(commit);
    }

    public void Dispose()
    {
        _interrupt.Dispose(); // waits for an interrupt under way: the connection is closed below
        _staging.Dispose();
        _staged.Dispose();
        if (!_done)
        {
            try
            {
                _transaction.Rollback();
            }
            catch (DbException)
            {
                // The transaction ended with the failure that brought us here (a full disk, a damaged database): nothing was written.
            }
            catch (InvalidOperationException)
            {
                // Already completed or rolled back by SQLite itself.
            }
        }

        _transaction.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// On the thread that stops the processing (a timer's, the host's): a failure here (PostgreSQL out of reach for the
    /// cancel) would be that thread's; the work then runs on to its end, where the stop keeps it from committing.
    /// </summary>
    private void Interrupt()
    {
        try
        {
            _database.Interrupt(_connection);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // Not interrupted: see above.
        }
    }

    private IngestCommit Finish(IngestCommit commit)
    {
        _transaction.Commit();
        _done = true;
        _database.Committed(_connection, commit.Added);
        return commit;
    }
}
