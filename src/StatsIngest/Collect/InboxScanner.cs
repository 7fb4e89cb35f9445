using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatsIngest.Messages;

namespace StatsIngest.Collect;

/// <summary>
/// Finds the entries of the inbox that are ready: not temporary or hidden; a regular file once it is stable — size and
/// modification time unchanged for the quiet period, and openable exclusively (on Windows, a file still being copied
/// is not); anything else (a FIFO, a device, a link, a folder named like a file) at once, to be refused without being
/// opened — or, for a link Inbox:FollowLinks allows, followed.
/// </summary>
public sealed partial class InboxScanner(DataFolders folders, IOptions<InboxOptions> options, IgnoredNames ignored, TimeProvider clock, ILogger<InboxScanner> logger)
{
    private readonly HashSet<string> _toldFolders = new(StringComparer.Ordinal);

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

    /// <summary>The inbox files that are stable now, in name order (so a preliminary file named first is ingested first).</summary>
    public IReadOnlyList<string> StableFiles() => Ready().Where(e => e.Action == InboxAction.Take).Select(e => e.Path).ToArray();

    /// <summary>The inbox entries to handle now, in name order: stable files to take, links to follow, entries to refuse.</summary>
    public IReadOnlyList<InboxEntry> Ready()
    {
        var quiet = TimeSpan.FromSeconds(options.Value.QuietPeriodSeconds);
        var now = clock.GetUtcNow();
        var ready = new List<InboxEntry>();
        lock (_gate)
        {
            RenameUndecodable();
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFileSystemEntries(folders.Inbox).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (ignored.Contains(name))
                {
                    continue;
                }

                var kind = FileKinds.Of(path);
                if (kind != FileKind.Regular)
                {
                    if (NotRegular(path, kind) is { } entry)
                    {
                        ready.Add(entry);
                    }

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

                if (CanOpenExclusively(path) && !OpenWriters.Any(path))
                {
                    ready.Add(new InboxEntry(path, InboxAction.Take));
                    _candidates.Remove(path);
                }
            }

            foreach (var gone in _candidates.Keys.Where(k => !present.Contains(k)).ToArray())
            {
                _candidates.Remove(gone);
            }

            _toldFolders.RemoveWhere(f => !Directory.Exists(Path.Combine(folders.Inbox, f)));
        }

        return ready;
    }

    /// <summary>
    /// A name whose bytes are not UTF-8 (saved by an old system in GBK, say) can not be opened by its name: it is
    /// renamed in the inbox (its bytes read as GB18030 when they are, else each undecodable byte as '_') and taken
    /// under that name on the next look.
    /// </summary>
    private void RenameUndecodable()
    {
        if (OperatingSystem.IsWindows() || !Directory.EnumerateFileSystemEntries(folders.Inbox).Any(e => FileNames.IsUndecodable(Path.GetFileName(e))))
        {
            return;
        }

        foreach (var entry in new Mono.Unix.UnixDirectoryInfo(folders.Inbox).GetFileSystemEntries())
        {
            // Mono.Unix keeps an undecodable byte as U+0000 followed by the byte.
            if (entry.Name.Contains('\0', StringComparison.Ordinal))
            {
                var target = FileNames.Unique(folders.Inbox, FileNames.FromMarkedBytes(entry.Name));
                if (Mono.Unix.Native.Stdlib.rename(entry.FullName, target) == 0)
                {
                    LogRenamed(Path.GetFileName(target));
                }
            }
        }
    }

    /// <summary>The inbox's folders that held files when last looked at: their files are not taken (each said once in the log).</summary>
    public IReadOnlyCollection<string> FoldersHoldingFiles
    {
        get
        {
            lock (_gate)
            {
                return [.. _toldFolders];
            }
        }
    }

    /// <summary>
    /// A folder in the inbox is left alone (a user's own), but one that holds files is said once, while it does: whoever
    /// dragged a month's folder into the inbox learns that its files are not taken and where to put them.
    /// </summary>
    private void TellFolder(string path)
    {
        // Looked at on every rescan: whether it holds a file, which stops at the first; its files counted once, to say it.
        var name = Path.GetFileName(path);
        try
        {
            if (!Files(path).Any())
            {
                _toldFolders.Remove(name);
            }
            else if (_toldFolders.Add(name))
            {
                LogFolderHoldsFiles(name, Files(path).Count(), folders.Inbox);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a folder that can not be listed is left alone, as any of a user's folders is
        }

        IEnumerable<string> Files(string folder) => Directory.EnumerateFiles(folder).Where(f => !ignored.Contains(Path.GetFileName(f)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox holds the folder '{Folder}' with {Files} file(s); files inside folders are not taken: move them into {Inbox} itself")]
    private partial void LogFolderHoldsFiles(string folder, int files, string inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox file's name was not UTF-8; it was renamed '{Renamed}' (its bytes read as GB18030 where they are) and is taken under that name")]
    private partial void LogRenamed(string renamed);

    /// <summary>A link to follow, or an entry to refuse; null for a folder whose name is not a table's (a user's own subfolder).</summary>
    private InboxEntry? NotRegular(string path, FileKind kind)
    {
        if (kind == FileKind.SymbolicLink && options.Value.FollowLinks)
        {
            var target = Path.GetFullPath(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
            var roots = options.Value.AllowedRoots.Select(Path.GetFullPath).Append(folders.Root);
            var inside = roots.Any(r => target.StartsWith(Path.TrimEndingDirectorySeparator(r) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            return inside && FileKinds.Of(target) == FileKind.Regular
                ? new InboxEntry(path, InboxAction.Follow)
                : new InboxEntry(path, InboxAction.Refuse, inside
                    ? Msg.Of("a symbolic link to {target}, which is not a regular file; it was not read", ("target", target))
                    : Msg.Of("a symbolic link to {target}, which is outside the data folder and Inbox:AllowedRoots; it was not read", ("target", target)));
        }

        if (kind == FileKind.Directory && !Path.HasExtension(path))
        {
            TellFolder(path);
            return null; // a user's own subfolder; a folder named like a file ("月报.xlsx") is refused below
        }

        return kind == FileKind.Missing ? null : new InboxEntry(path, InboxAction.Refuse,
            kind == FileKind.SymbolicLink
                ? Msg.Of("{kind}, not a regular file; it was not opened (set Inbox:FollowLinks to take links to files inside the data folder or Inbox:AllowedRoots)", ("kind", FileKinds.Describe(path, kind)))
                : Msg.Of("{kind}, not a regular file; it was not opened", ("kind", FileKinds.Describe(path, kind))));
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
