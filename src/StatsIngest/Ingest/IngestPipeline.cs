using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Normalize;
using StatsIngest.Read;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// Takes one claimed file from <c>work/</c> through read → normalize → store, then archives it
/// (<c>archive/YYYY/MM/</c>) or quarantines it with a report. The store commit is one transaction; the file is moved
/// only after it, so a crash leaves the file in <c>work/</c> and the next start finishes the job (the hash ledger
/// makes that idempotent).
/// </summary>
public sealed partial class IngestPipeline(
    DataFolders folders,
    ObservationStore store,
    Normalizer normalizer,
    NormalizeContextFactory contexts,
    StatsIngestMetrics metrics,
    TimeProvider clock,
    ILogger<IngestPipeline> logger)
{
    private const string WorkSeparator = "__";

    /// <summary>Moves (inbox) or copies (a file given on the command line) a file into <c>work/</c>, keeping its name recoverable.</summary>
    public string Claim(string sourcePath, bool move)
    {
        var name = Path.GetFileName(sourcePath);
        var stamp = clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var workPath = Path.Combine(folders.Work, $"{stamp}-{Guid.NewGuid().ToString("N")[..6]}{WorkSeparator}{name}");
        if (move)
        {
            File.Move(sourcePath, workPath);
        }
        else
        {
            File.Copy(sourcePath, workPath);
        }

        return workPath;
    }

    /// <summary>The name the file had before it was claimed.</summary>
    public static string OriginalName(string workPath)
    {
        var name = Path.GetFileName(workPath);
        var i = name.IndexOf(WorkSeparator, StringComparison.Ordinal);
        return i >= 0 ? name[(i + WorkSeparator.Length)..] : name;
    }

    /// <summary>Processes a file already in <c>work/</c>.</summary>
    public IngestOutcome Process(string workPath)
    {
        var started = clock.GetTimestamp();
        var outcome = ProcessCore(workPath);
        metrics.IngestDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
        switch (outcome.Outcome)
        {
            case DeliveryOutcome.Ingested:
                metrics.FilesIngested.Add(1);
                metrics.ObservationsWritten.Add(outcome.Commit?.Added ?? 0);
                break;
            case DeliveryOutcome.Duplicate:
                metrics.FilesDuplicate.Add(1);
                break;
            default:
                metrics.FilesQuarantined.Add(1);
                break;
        }

        return outcome;
    }

    private IngestOutcome ProcessCore(string workPath)
    {
        var name = OriginalName(workPath);
        var received = clock.GetUtcNow();
        var sha = FileHash.Sha256(workPath);
        var size = new FileInfo(workPath).Length;

        var known = store.FindFile(sha);
        if (known is not null)
        {
            var archived = Path.Combine(folders.Root, known.ArchivePath);
            if (!File.Exists(archived))
            {
                // The commit of this very file happened, the move did not (a crash in between): finish it.
                Directory.CreateDirectory(Path.GetDirectoryName(archived)!);
                File.Move(workPath, archived);
                LogResumed(name, known.Id);
                return new IngestOutcome(name, DeliveryOutcome.Ingested, known.ArchivePath, $"already committed as vintage {known.Id}; archived now", new IngestCommit(known.Id, 0, 0));
            }

            var duplicatePath = UniquePath(Path.Combine(MonthFolder(received), "duplicates"), name);
            File.Move(workPath, duplicatePath);
            var detail = $"same content (SHA-256) as '{known.FileName}', ingested {known.IngestedAt:yyyy-MM-dd HH:mm} UTC as vintage {known.Id}; not ingested again";
            store.RecordDelivery(name, sha, received, DeliveryOutcome.Duplicate, known.Id, folders.Relative(duplicatePath), detail);
            LogDuplicate(name, known.Id);
            return new IngestOutcome(name, DeliveryOutcome.Duplicate, folders.Relative(duplicatePath), detail);
        }

        RawGrid grid;
        try
        {
            grid = GridReader.Read(workPath, name);
        }
        catch (GridReadException ex)
        {
            return Quarantine(workPath, name, sha, size, received, null, [Problem.Error(ex.Message)]);
        }

        var result = normalizer.Normalize(grid, contexts.For(name, sha));
        if (result.HasErrors)
        {
            return Quarantine(workPath, name, sha, size, received, grid, result.Problems);
        }

        var archivePath = UniquePath(MonthFolder(received), name);
        var record = new FileRecord(0, sha, name, size, received, grid.Format, grid.Encoding, result.Layout ?? "?", result.RowsRead, 0, 0,
            result.Warnings.Select(w => w.ToString()).ToArray(), result.Notes, folders.Relative(archivePath))
        {
            Unmapped = result.Unmapped,
            LayoutDetail = string.Join('\n', result.Details),
        };
        var commit = store.CommitFile(record, result.Observations, received);
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        File.Move(workPath, archivePath);
        LogIngested(name, commit.FileId, commit.Added, commit.Unchanged, result.Layout ?? "?");
        return new IngestOutcome(name, DeliveryOutcome.Ingested, folders.Relative(archivePath),
            $"vintage {commit.FileId}: {commit.Added} observations added, {commit.Unchanged} unchanged", commit);
    }

    /// <summary>
    /// Reads an archived file again with today's reader, code lists and rules. A value that reads as it did adds
    /// nothing; a changed or new one is stored in a vintage with the reason "reprocessed" that takes the file's place
    /// among the vintages (so a later file's revision stays the latest). A file that no longer reads changes nothing.
    /// </summary>
    public ReprocessOutcome Reprocess(FileRecord original)
    {
        var path = Path.Combine(folders.Root, original.ArchivePath);
        if (!File.Exists(path) || FileHash.Sha256(path) != original.Sha256)
        {
            return new ReprocessOutcome(original.FileName, ReprocessResult.Missing,
                $"the archived copy {original.ArchivePath} is {(File.Exists(path) ? "no longer the content that was ingested (its SHA-256 differs)" : "missing")}; nothing changed");
        }

        NormalizeResult result;
        try
        {
            result = normalizer.Normalize(GridReader.Read(path, original.FileName), contexts.For(original.FileName, original.Sha256));
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

        var reading = new FileRecord(0, original.Sha256, original.FileName, original.SizeBytes, clock.GetUtcNow(), original.Format, original.Encoding,
            result.Layout ?? "?", result.RowsRead, 0, 0, result.Warnings.Select(w => w.ToString()).ToArray(), result.Notes, original.ArchivePath)
        {
            Unmapped = result.Unmapped,
            LayoutDetail = string.Join('\n', result.Details),
            Reason = FileRecord.Reprocessed,
            ReprocessOf = original.ReprocessOf ?? original.Id,
        };
        var commit = store.CommitReprocessed(reading, result.Observations);
        LogReprocessed(original.FileName, commit.FileId, commit.Added, commit.Unchanged);
        return commit.FileId == 0
            ? new ReprocessOutcome(original.FileName, ReprocessResult.Unchanged, $"all {commit.Unchanged} values read as before; nothing added")
            : new ReprocessOutcome(original.FileName, ReprocessResult.Reprocessed,
                $"vintage {commit.FileId} (reprocessed): {commit.Added} observations changed or new, {commit.Unchanged} unchanged", commit);
    }

    /// <summary>Moves a file that failed for a reason of our own (a bug, a full disk) to quarantine, so the loop goes on.</summary>
    public IngestOutcome QuarantineUnexpected(string workPath, Exception ex)
    {
        var name = OriginalName(workPath);
        var sha = File.Exists(workPath) ? FileHash.Sha256(workPath) : string.Empty;
        var size = File.Exists(workPath) ? new FileInfo(workPath).Length : 0;
        return Quarantine(workPath, name, sha, size, clock.GetUtcNow(), null,
            [Problem.Error($"StatsIngest failed while processing this file ({ex.GetType().Name}: {ex.Message}). This is not necessarily a problem of the file; report it with the log.")]);
    }

    private IngestOutcome Quarantine(string workPath, string name, string sha, long size, DateTimeOffset received, RawGrid? grid, IReadOnlyList<Problem> problems)
    {
        var target = UniquePath(folders.Quarantine, name);
        File.Move(workPath, target);
        var reportPath = target + ".error.txt";
        File.WriteAllText(reportPath, QuarantineReport(name, sha, size, received, grid, problems), new UTF8Encoding(true));
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToArray();
        var detail = $"{errors.Length} problem(s); first: {errors.FirstOrDefault()}";
        store.RecordDelivery(name, sha, received, DeliveryOutcome.Quarantined, null, folders.Relative(target), detail);
        LogQuarantined(name, folders.Relative(reportPath), errors.FirstOrDefault()?.ToString() ?? string.Empty);
        return new IngestOutcome(name, DeliveryOutcome.Quarantined, folders.Relative(target), detail);
    }

    public static string QuarantineReport(string name, string sha, long size, DateTimeOffset received, RawGrid? grid, IReadOnlyList<Problem> problems)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"StatsIngest could not ingest the file '{name}'. Nothing from it was stored.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Received:  {received:yyyy-MM-dd HH:mm:ss} UTC");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Size:      {size} bytes");
        sb.AppendLine(CultureInfo.InvariantCulture, $"SHA-256:   {sha}");
        if (grid is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Read as:   {grid.Format}{(grid.Encoding is null ? string.Empty : ", encoding " + grid.Encoding)}, sheets: {string.Join(", ", grid.Sheets.Select(s => $"'{s.Name}' ({s.Rows.Count} rows)"))}");
        }

        sb.AppendLine();
        sb.AppendLine("What is wrong:");
        var n = 0;
        foreach (var p in problems.Where(p => p.Severity == ProblemSeverity.Error))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {++n}. {p}");
        }

        var warnings = problems.Where(p => p.Severity == ProblemSeverity.Warning).ToArray();
        if (warnings.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Also noticed (warnings):");
            foreach (var w in warnings)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {w}");
            }
        }

        sb.AppendLine();
        sb.AppendLine("What to do: correct the file, or teach StatsIngest what it did not understand — an alias in config/codelists/ (the code lists),");
        sb.AppendLine("a word in config/codelists/vocabulary.json, or a rule (Layouts:Rules) — and drop the file into the inbox again.");
        sb.AppendLine("`statsingest validate --explain <file>` shows how each cell was understood, without storing anything.");
        return sb.ToString();
    }

    private string MonthFolder(DateTimeOffset t) =>
        Path.Combine(folders.Archive, t.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture), t.UtcDateTime.ToString("MM", CultureInfo.InvariantCulture));

    private static string UniquePath(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var candidate = Path.Combine(directory, name);
        for (var i = 2; File.Exists(candidate) || File.Exists(candidate + ".error.txt"); i++)
        {
            candidate = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(name)} ({i}){Path.GetExtension(name)}");
        }

        return candidate;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {File} as vintage {Vintage}: {Added} observations added, {Unchanged} unchanged (layout {Layout})")]
    private partial void LogIngested(string file, long vintage, int added, int unchanged, string layout);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} has the same content as vintage {Vintage}; archived as a duplicate")]
    private partial void LogDuplicate(string file, long vintage);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} was already committed as vintage {Vintage}; archived after a restart")]
    private partial void LogResumed(string file, long vintage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {File} again: vintage {Vintage}, {Added} observations changed or new, {Unchanged} unchanged")]
    private partial void LogReprocessed(string file, long vintage, int added, int unchanged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined {File}: see {Report}. {FirstProblem}")]
    private partial void LogQuarantined(string file, string report, string firstProblem);
}
