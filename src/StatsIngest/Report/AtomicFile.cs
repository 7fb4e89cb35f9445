using System.Globalization;
using Polly;
using Polly.Retry;

namespace StatsIngest.Report;

/// <summary>
/// Writes a file so that no one ever sees it half-written: to a temporary file in the same folder, then renamed over
/// the target. A target that is open elsewhere (Excel on Windows refuses the rename; on any system an Office
/// <c>~$name</c> or LibreOffice <c>.~lock.name#</c> lock file, or a handle opened without sharing, says the same) is
/// retried with Polly (exponential backoff), then the file is kept under a suffixed name beside it.
/// </summary>
public static class AtomicFile
{
    /// <summary>What happened: the path written, and whether it is the target or a suffixed name because the target was locked.</summary>
    public sealed record Outcome(string Path, bool Suffixed, int Attempts);

    /// <returns>The path actually written: the target, or a suffixed name beside it when the target is locked.</returns>
    public static string Write(string targetPath, Action<string> writeTemp, TimeProvider clock) =>
        WriteWithOutcome(targetPath, writeTemp, clock).Path;

    public static Outcome WriteWithOutcome(string targetPath, Action<string> writeTemp, TimeProvider clock, int retries = 3, TimeSpan? firstDelay = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(targetPath))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(targetPath)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(targetPath)}");
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<UnauthorizedAccessException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(200),
                UseJitter = true,
            })
            .Build();
        try
        {
            writeTemp(temp);
            try
            {
                pipeline.Execute(() =>
                {
                    attempts++;
                    if (IsLocked(targetPath, out var why))
                    {
                        throw new IOException($"{targetPath} is in use: {why}");
                    }

                    File.Move(temp, targetPath, overwrite: true);
                });
                return new Outcome(targetPath, false, attempts);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var alternative = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(targetPath)}_{stamp}{Path.GetExtension(targetPath)}");
                File.Move(temp, alternative, overwrite: true);
                return new Outcome(alternative, true, attempts);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>True when the file is open in Excel, WPS or LibreOffice, or held by a handle that shares nothing.</summary>
    public static bool IsLocked(string path, out string why)
    {
        why = string.Empty;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        foreach (var lockFile in new[] { "~$" + name, ".~lock." + name + "#" })
        {
            if (File.Exists(Path.Combine(dir, lockFile)))
            {
                why = $"the lock file {lockFile} exists (the workbook is open in Excel, WPS or LibreOffice)";
                return true;
            }
        }

        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException ex)
        {
            why = ex.Message;
            return true;
        }
        catch (UnauthorizedAccessException ex)
        {
            why = ex.Message;
            return true;
        }
    }
}
