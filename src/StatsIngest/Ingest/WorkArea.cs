using System.Globalization;
using System.Text.Json;
using StatsIngest.Collect;

namespace StatsIngest.Ingest;

/// <summary>
/// The work/ folder: a file claimed for ingestion sits there under a unique name, beside a claim record that keeps its
/// original name and how many times its processing was started. A file whose processing was started twice without
/// ending (the process died on it twice) is a poison file: the next start sets it aside instead of dying a third time.
/// </summary>
public sealed class WorkArea(DataFolders folders, TimeProvider clock)
{
    public const int PoisonAttempts = 2;
    private const string Separator = "__";
    private const string ClaimExtension = ".claim";
    private const string TempExtension = ".tmp";

    /// <summary>Moves, copies or follows a file into work/ and writes its claim record; returns the work path.</summary>
    public string Claim(string sourcePath, ClaimMode mode)
    {
        var original = Path.GetFileName(sourcePath);
        var id = clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var workPath = Path.Combine(folders.Work, FileNames.Fit(original, prefix: id + Separator, reserve: (ClaimExtension + TempExtension).Length));
        Write(workPath, new ClaimRecord(original, 0, null));
        try
        {
            Bring(sourcePath, workPath, mode);
        }
        catch
        {
            File.Delete(workPath + ClaimExtension);
            if (File.Exists(sourcePath))
            {
                File.Delete(workPath); // a copy cut short (a full disk): the source is still there
            }

            throw;
        }

        return workPath;
    }

    /// <summary>The name the file had before it was claimed.</summary>
    public string OriginalName(string workPath) => Read(workPath)?.OriginalName ?? NameFromWorkPath(workPath);

    /// <summary>Notes that processing starts (once more); returns how many times it has been started.</summary>
    public int BeginAttempt(string workPath)
    {
        var record = Read(workPath) ?? new ClaimRecord(NameFromWorkPath(workPath), 0, null);
        var next = record with { Attempts = record.Attempts + 1, LastAttempt = clock.GetUtcNow() };
        Write(workPath, next);
        return next.Attempts;
    }

    /// <summary>
    /// Processing ended (the file left work/, or it is to be retried later): the attempts no longer count.
    /// <paramref name="deferred"/>: a passing fault stopped it, one more in a row (<see cref="RetryAt"/>); not so when the
    /// service stopped while reading it.
    /// </summary>
    public void EndAttempt(string workPath, bool done, bool deferred = false)
    {
        if (done)
        {
            File.Delete(workPath + ClaimExtension);
        }
        else if (Read(workPath) is { } record)
        {
            Write(workPath, record with { Attempts = Math.Max(0, record.Attempts - 1), Deferrals = record.Deferrals + (deferred ? 1 : 0) });
        }
    }

    /// <summary>
    /// When a file in work/ is to be tried again: <see cref="RetryWait"/> after its last try, by the deferrals in a row
    /// its claim record counts (a restart keeps them); null when it was never tried (due now).
    /// </summary>
    public DateTimeOffset? RetryAt(string workPath, double baseSeconds) =>
        Read(workPath) is { LastAttempt: { } last } record ? last + RetryWait.After(baseSeconds, record.Deferrals) : null;

    /// <summary>How many times processing of a file in work/ was started and never ended.</summary>
    public int Attempts(string workPath) => Read(workPath)?.Attempts ?? 0;

    /// <summary>The files in work/ (claim records left out; a claim record whose file is gone is removed), oldest claim first.</summary>
    public IReadOnlyList<string> Files()
    {
        var all = Directory.GetFiles(folders.Work).Order(StringComparer.Ordinal).ToArray();
        var records = all.Where(f => f.EndsWith(ClaimExtension, StringComparison.Ordinal) || f.EndsWith(ClaimExtension + TempExtension, StringComparison.Ordinal)).ToHashSet();
        foreach (var orphan in records.Where(f => f.EndsWith(TempExtension, StringComparison.Ordinal) || !File.Exists(f[..^ClaimExtension.Length])))
        {
            File.Delete(orphan);
        }

        return all.Where(f => !records.Contains(f)).ToArray();
    }

    private static void Bring(string sourcePath, string workPath, ClaimMode mode)
    {
        switch (mode)
        {
            case ClaimMode.Move:
                File.Move(sourcePath, workPath);
                break;
            case ClaimMode.Follow:
                File.Copy(new FileInfo(sourcePath).ResolveLinkTarget(returnFinalTarget: true)!.FullName, workPath);
                File.Delete(sourcePath);
                break;
            default:
                var kind = FileKinds.Of(Path.GetFullPath(new FileInfo(sourcePath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sourcePath));
                if (kind != FileKind.Regular)
                {
                    throw new IOException($"{sourcePath} is {FileKinds.Describe(sourcePath, kind)}, not a regular file; it was not read.");
                }

                File.Copy(sourcePath, workPath);
                break;
        }
    }

    private static string NameFromWorkPath(string workPath)
    {
        var name = Path.GetFileName(workPath);
        var i = name.IndexOf(Separator, StringComparison.Ordinal);
        return i >= 0 ? name[(i + Separator.Length)..] : name;
    }

    private static ClaimRecord? Read(string workPath)
    {
        try
        {
            return File.Exists(workPath + ClaimExtension) ? JsonSerializer.Deserialize<ClaimRecord>(File.ReadAllText(workPath + ClaimExtension)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(string workPath, ClaimRecord record)
    {
        var temp = workPath + ClaimExtension + TempExtension;
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(record));
            File.Move(temp, workPath + ClaimExtension, overwrite: true);
        }
        catch
        {
            File.Delete(temp); // a full disk: no half record left behind
            throw;
        }
    }

    private sealed record ClaimRecord(string OriginalName, int Attempts, DateTimeOffset? LastAttempt, int Deferrals = 0);
}
