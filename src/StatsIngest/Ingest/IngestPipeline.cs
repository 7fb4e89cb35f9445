using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Read;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// Takes one claimed file from <c>work/</c> through read → normalize → store, then archives it
/// (<c>archive/YYYY/MM/</c>) or quarantines it with a report. The store commit is one transaction; the file is moved
/// only after it, so a crash leaves the file in <c>work/</c> and the next start finishes the job (the hash ledger
/// makes that idempotent). A file that changed while it was read (still being copied) goes back to the inbox.
/// </summary>
public sealed partial class IngestPipeline(
    DataFolders folders,
    ObservationStore store,
    Normalizer normalizer,
    NormalizeContextFactory contexts,
    WorkArea work,
    Quarantine quarantine,
    IOptions<ReadLimits> limits,
    StatsIngestMetrics metrics,
    ICluster cluster,
    TimeProvider clock,
    CodeLists codes,
    ILogger<IngestPipeline> logger)
{
    /// <summary>
    /// Processes a file already in <c>work/</c>; <paramref name="claim"/>'s token is checked while reading and interrupts
    /// the store's statements, and the commit is made only when the claim is the commit's (<see cref="CommitClaim"/>).
    /// </summary>
    public IngestOutcome Process(string workPath, CommitClaim claim)
    {
        var started = clock.GetTimestamp();
        var outcome = ProcessCore(workPath, claim);
        metrics.IngestDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
        if (outcome.Outcome == DeliveryOutcome.Ingested)
        {
            metrics.FilesIngested.Add(1);
            metrics.ObservationsWritten.Add(outcome.Commit?.Added ?? 0);
        }
        else if (outcome.Outcome == DeliveryOutcome.Duplicate)
        {
            metrics.FilesDuplicate.Add(1);
        }

        return outcome;
    }

    private IngestOutcome ProcessCore(string workPath, CommitClaim claim)
    {
        var cancel = claim.Token;
        var name = work.OriginalName(workPath);
        var received = clock.GetUtcNow();
        var (sha, size) = (FileHash.Sha256(workPath), new FileInfo(workPath).Length);
        if (store.FindFile(sha) is { } known)
        {
            return Known(workPath, name, sha, received, known);
        }

        // In a cluster, the same content may sit in another instance's work/ under another name: one reads it, the
        // other waits for the lease and then finds it known (a duplicate).
        using var lease = cluster.LeaseContent(sha, name);
        if (cluster.IsClustered && store.FindFile(sha) is { } committed)
        {
            return Known(workPath, name, sha, received, committed);
        }

        // Read as it streams into the store's staging of the file, in one transaction: committed only when the file is
        // whole and without errors, rolled back otherwise (the session is disposed uncommitted).
        GridSource source;
        try
        {
            if (GridReader.OpensWholeSheet(workPath, name))
            {
                // The reading holds one core before its first row: the workbook written after the commit is warmed on the other.
                WorkbookWarmUp.Start(codes, clock.GetUtcNow());
            }

            source = GridReader.Open(workPath, name, limits.Value, cancel);
        }
        catch (GridReadException ex)
        {
            Finishing(claim);
            return quarantine.Put(workPath, name, sha, size, null, [Problem.Error(ex.Text)], QuarantineReport.NotRead(ex.Failure));
        }

        using (source)
        {
            IReadOnlyList<Problem> problems;
            Msg? notRead = null;
            using (var session = store.BeginFile(cancel))
            {
                try
                {
                    var result = normalizer.Normalize(source, contexts.For(name, sha), session);
                    if (!result.HasErrors && !Changed(workPath, sha, size))
                    {
                        cancel.ThrowIfCancellationRequested();
                        return Commit(workPath, name, sha, size, received, source, result, session, claim);
                    }

                    problems = result.Problems;
                }
                catch (GridReadException ex)
                {
                    problems = [Problem.Error(ex.Text)];
                    notRead = QuarantineReport.NotRead(ex.Failure);
                }
            }

            // The session is rolled back (its write lock released) before the refusal is recorded. A reading stopped by
            // Limits:FileSeconds leaves the file to its runner, which sets it aside (both moving it raced).
            Finishing(claim);
            return Changed(workPath, sha, size) ? BackToInbox(workPath, name) : quarantine.Put(workPath, name, sha, size, source.Summary(), problems, notRead);
        }
    }

    /// <summary>Before the processing sets a refused file aside itself: a stopped processing leaves it to its runner (both moving it raced).</summary>
    private static void Finishing(CommitClaim claim)
    {
        if (!claim.TryFinish())
        {
            throw new OperationCanceledException("The processing was stopped before the file was set aside.", claim.Token);
        }
    }

    private IngestOutcome Commit(string workPath, string name, string sha, long size, DateTimeOffset received, GridSource source, NormalizeResult result, FileSession session, CommitClaim claim)
    {
        var archivePath = FileNames.Unique(MonthFolder(received), name);
        var record = new FileRecord(0, sha, name, size, received, source.Format, source.Encoding, result.Layout ?? "?", result.RowsRead, 0, 0,
            result.Warnings.Select(w => w.ToMsg().Encode()).ToArray(), result.Notes, folders.Relative(archivePath))
        {
            Unmapped = result.Unmapped,
            LayoutDetail = string.Join('\n', result.Details.Select(d => d.Encode())),
        };
        var commit = session.Complete(record, received, claim.TryFinish);
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        File.Move(workPath, archivePath);
        LogIngested(name, commit.FileId, commit.Added, commit.Unchanged, result.Layout ?? "?");
        return new IngestOutcome(name, DeliveryOutcome.Ingested, folders.Relative(archivePath),
            $"vintage {commit.FileId}: {Counted.Of(commit.Added, "observation")} added, {commit.Unchanged} unchanged", commit);
    }

    /// <summary>The content was ingested before: a duplicate, or — when its archived copy is missing — a commit whose move a crash cut short.</summary>
    private IngestOutcome Known(string workPath, string name, string sha, DateTimeOffset received, FileRecord known)
    {
        var archived = Path.Combine(folders.Root, known.ArchivePath);
        if (!File.Exists(archived))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(archived)!);
            File.Move(workPath, archived);
            LogResumed(name, known.Id);
            return new IngestOutcome(name, DeliveryOutcome.Ingested, known.ArchivePath, $"already committed as vintage {known.Id}; archived now", new IngestCommit(known.Id, 0, 0));
        }

        // Recorded, then moved: a kill between the two leaves the file in work/ to be handled again (the record is kept once).
        var duplicatePath = FileNames.Unique(Path.Combine(MonthFolder(received), "duplicates"), name);
        var detail = string.Create(CultureInfo.InvariantCulture, $"same content (SHA-256) as '{known.FileName}', ingested {known.IngestedAt:yyyy-MM-dd HH:mm} UTC as vintage {known.Id}; not ingested again");
        store.RecordDelivery(name, sha, received, DeliveryOutcome.Duplicate, known.Id, folders.Relative(duplicatePath), detail);
        File.Move(workPath, duplicatePath);
        LogDuplicate(name, known.Id);
        return new IngestOutcome(name, DeliveryOutcome.Duplicate, folders.Relative(duplicatePath), detail);
    }

    /// <summary>A second look after reading: a file whose size or content changed meanwhile was still being written.</summary>
    private static bool Changed(string workPath, string sha, long size) =>
        new FileInfo(workPath).Length != size || FileHash.Sha256(workPath) != sha;

    private IngestOutcome BackToInbox(string workPath, string name)
    {
        var back = FileNames.Unique(folders.Inbox, name);
        File.Move(workPath, back);
        work.EndAttempt(workPath, done: true);
        LogStillWritten(name);
        return new IngestOutcome(name, DeliveryOutcome.Deferred, folders.Relative(back),
            "it changed while it was read (still being copied?); put back into the inbox to be taken once it is stable");
    }

    /// <summary>Sets aside, unread, an inbox entry that is not a regular file (a FIFO, a device, a link, a folder).</summary>
    public IngestOutcome Refuse(string path, Msg reason) =>
        quarantine.Put(path, Path.GetFileName(path), string.Empty, null, null, [Problem.Error(Msg.Of("This is {reason}.", ("reason", reason)))],
            notRead: Msg.Of("put a regular file (not a link, a pipe or a device) into the inbox."));

    /// <summary>Sets aside a file whose processing stopped StatsIngest again and again.</summary>
    public IngestOutcome Poison(string workPath, int attempts)
    {
        var name = work.OriginalName(workPath);
        var outcome = quarantine.Put(workPath, name, FileHash.Sha256(workPath), new FileInfo(workPath).Length, null,
            [Problem.Error(Msg.Of("StatsIngest stopped {count} times while it was reading this file (the process ended: out of memory, killed, or a fault); it is set aside so that the files behind it are read.", ("count", attempts)))],
            notRead: Msg.Of("check the file with `statsingest validate <file>` on a machine with more memory, or report it with the log; drop it into the inbox again to retry."));
        work.EndAttempt(workPath, done: true);
        return outcome;
    }

    /// <summary>Sets aside a file that failed for a reason of our own (a bug), so the loop goes on.</summary>
    public IngestOutcome QuarantineUnexpected(string workPath, Exception ex)
    {
        var name = work.OriginalName(workPath);
        var exists = File.Exists(workPath);
        if (!exists && store.Deliveries().LastOrDefault(d => d.FileName == name) is { } handled)
        {
            // A reading stopped by the deadline that had passed its last check just before it: it set the file aside itself.
            return new IngestOutcome(name, handled.Outcome, handled.StoredPath, Msg.Decode(handled.Detail).ToString());
        }

        var why = ex is OutOfMemoryException
            ? Msg.Of("Reading this file needed more memory than this process may use; the limits (Limits:*) or the machine's memory are too small for it.")
            : ex is OperationCanceledException
                ? Msg.Of("Reading this file took longer than Limits:FileSeconds ({seconds} s); it was stopped.", ("seconds", limits.Value.FileSeconds))
                : Msg.Of("StatsIngest failed while processing this file ({error}). This is not necessarily a problem of the file; report it with the log.", ("error", $"{ex.GetType().Name}: {ex.Message}"));
        return quarantine.Put(workPath, name, exists ? FileHash.Sha256(workPath) : string.Empty, exists ? new FileInfo(workPath).Length : null, null, [Problem.Error(why)]);
    }

    /// <summary>
    /// Reads an archived file again with today's reader, code lists and rules. A value that reads as it did adds
    /// nothing; a changed or new one is stored in a vintage with the reason "reprocessed" that takes the file's place
    /// among the vintages (so a later file's revision stays the latest). A file that no longer reads changes nothing.
    /// </summary>
    public ReprocessOutcome Reprocess(FileRecord original, CancellationToken cancel = default)
    {
        var path = Path.Combine(folders.Root, original.ArchivePath);
        if (!File.Exists(path) || FileHash.Sha256(path) != original.Sha256)
        {
            return new ReprocessOutcome(original.FileName, ReprocessResult.Missing,
                $"the archived copy {original.ArchivePath} is {(File.Exists(path) ? "no longer the content that was ingested (its SHA-256 differs)" : "missing")}; nothing changed");
        }

        using var session = store.BeginFile();
        NormalizeResult result;
        try
        {
            using var source = GridReader.Open(path, original.FileName, limits.Value, cancel);
            result = normalizer.Normalize(source, contexts.For(original.FileName, original.Sha256), session);
        }
        catch (GridReadException ex)
        {
            return new ReprocessOutcome(original.FileName, ReprocessResult.Failed, ex.Message);
        }

        if (result.HasErrors)
        {
            return new ReprocessOutcome(original.FileName, ReprocessResult.Failed,
                $"it no longer reads ({result.Errors.Count()} problem(s); first: {result.Errors.First()}); its stored values stay as they are");
        }

        cancel.ThrowIfCancellationRequested();
        var commit = session.CompleteReprocessed(Reading(original, result));
        LogReprocessed(original.FileName, commit.FileId, commit.Added, commit.Unchanged, commit.Withdrawn);
        var withdrawn = commit.Withdrawn == 0 ? string.Empty : $", {commit.Withdrawn} no longer read from it (withdrawn)";
        return commit.FileId == 0
            ? new ReprocessOutcome(original.FileName, ReprocessResult.Unchanged, $"all {commit.Unchanged} values read as before; nothing added")
            : new ReprocessOutcome(original.FileName, ReprocessResult.Reprocessed,
                $"vintage {commit.FileId} (reprocessed): {Counted.Of(commit.Added, "observation")} changed or new, {commit.Unchanged} unchanged{withdrawn}", commit);
    }

    private FileRecord Reading(FileRecord original, NormalizeResult result) =>
        new(0, original.Sha256, original.FileName, original.SizeBytes, clock.GetUtcNow(), original.Format, original.Encoding,
            result.Layout ?? "?", result.RowsRead, 0, 0, result.Warnings.Select(w => w.ToMsg().Encode()).ToArray(), result.Notes, original.ArchivePath)
        {
            Unmapped = result.Unmapped,
            LayoutDetail = string.Join('\n', result.Details.Select(d => d.Encode())),
            Reason = FileRecord.Reprocessed,
            ReprocessOf = original.ReprocessOf ?? original.Id,
        };

    private string MonthFolder(DateTimeOffset t) =>
        Path.Combine(folders.Archive, t.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture), t.UtcDateTime.ToString("MM", CultureInfo.InvariantCulture));

    // The counts after their nouns: right for 1 as for 12 ("1 observations added" before), and numbers for whoever reads the log as data.
    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {File} as vintage {Vintage} (layout {Layout}): observations added {Added}, unchanged {Unchanged}")]
    private partial void LogIngested(string file, long vintage, int added, int unchanged, string layout);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} has the same content as vintage {Vintage}; archived as a duplicate")]
    private partial void LogDuplicate(string file, long vintage);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} was already committed as vintage {Vintage}; archived after a restart")]
    private partial void LogResumed(string file, long vintage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {File} again: vintage {Vintage}, {Added} observations changed or new, {Unchanged} unchanged, {Withdrawn} withdrawn")]
    private partial void LogReprocessed(string file, long vintage, int added, int unchanged, int withdrawn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} changed while it was read (still being copied?); put back into the inbox")]
    private partial void LogStillWritten(string file);
}
