using System.Globalization;

namespace StatsIngest.Collect;

/// <summary>
/// Whether a process of this machine holds a file open for writing — a copy still going on even when it paused longer
/// than the quiet period. Linux: the processes' open files in /proc (those this user may see); Windows: the file can
/// not be opened without sharing; elsewhere unknown (false).
/// </summary>
public static class OpenWriters
{
    public static bool Any(string path)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return false;
        }

        var full = Path.GetFullPath(path);
        foreach (var fdDir in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).Select(d => Path.Combine(d, "fd")))
        {
            if (HoldsForWriting(fdDir, full))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HoldsForWriting(string fdDir, string path)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(fdDir))
            {
                if (new FileInfo(fd).LinkTarget == path && Flags(fd) is { } flags && (flags & 3) != 0)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process that ended meanwhile, or one this user may not look into.
        }

        return false;
    }

    /// <summary>The open flags of a descriptor (/proc/PID/fdinfo/FD, "flags: 0100001"); the access mode is the lowest two bits.</summary>
    private static int? Flags(string fdPath)
    {
        var info = fdPath.Replace("/fd/", "/fdinfo/", StringComparison.Ordinal);
        var line = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return line is null ? null : Convert.ToInt32(line["flags:".Length..].Trim(), 8);
    }
}
