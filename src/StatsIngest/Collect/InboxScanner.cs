using Microsoft.Extensions.Options;

namespace StatsIngest.Collect;

/// <summary>
/// Finds the files of the inbox that are ready: not temporary or hidden, and stable — size and modification time
/// unchanged for the quiet period, and openable exclusively (on Windows, a file still being copied is not).
/// </summary>
public sealed class InboxScanner(DataFolders folders, IOptions<InboxOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, (long Size, DateTime Modified, DateTimeOffset Since)> _candidates = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Whether some file was seen but is not stable yet.</summary>
    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _candidates.Count > 0;
            }
        }
    }

    public static bool IsIgnored(string fileName) =>
        fileName.StartsWith("~$", StringComparison.Ordinal)
        || fileName.StartsWith('.')
        || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".partial", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".error.txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The inbox files that are stable now, in name order (so a preliminary file named first is ingested first).</summary>
    public IReadOnlyList<string> StableFiles()
    {
        var quiet = TimeSpan.FromSeconds(options.Value.QuietPeriodSeconds);
        var now = clock.GetUtcNow();
        var ready = new List<string>();
        lock (_gate)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFiles(folders.Inbox).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (IsIgnored(name))
                {
                    continue;
                }

                present.Add(path);
                FileInfo info;
                try
                {
                    info = new FileInfo(path);
                    info.Refresh();
                    if (!info.Exists)
                    {
                        continue;
                    }
                }
                catch (IOException)
                {
                    continue;
                }

                var seen = (info.Length, info.LastWriteTimeUtc);
                if (!_candidates.TryGetValue(path, out var c) || c.Size != seen.Length || c.Modified != seen.LastWriteTimeUtc)
                {
                    _candidates[path] = (seen.Length, seen.LastWriteTimeUtc, now);
                    if (quiet > TimeSpan.Zero)
                    {
                        continue;
                    }
                }
                else if (now - c.Since < quiet)
                {
                    continue;
                }

                if (CanOpenExclusively(path))
                {
                    ready.Add(path);
                    _candidates.Remove(path);
                }
            }

            foreach (var gone in _candidates.Keys.Where(k => !present.Contains(k)).ToArray())
            {
                _candidates.Remove(gone);
            }
        }

        return ready;
    }

    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
