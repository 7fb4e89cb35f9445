using Microsoft.Extensions.Logging;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>
/// In a cluster, the files an instance claimed and never finished — it died, or was stopped for good — are taken over
/// by another: once the instance has not checked in for Cluster:LeaseSeconds, its folder <c>work/&lt;id&gt;/</c> is
/// emptied into this instance's, each file by an atomic move with its claim record (so its attempts still count
/// towards poison), and the instance is forgotten. Two instances adopting at once each get whole files.
/// </summary>
public sealed partial class OrphanedWork(DataFolders folders, ICluster cluster, ILogger<OrphanedWork> logger)
{
    private const string ClaimExtension = ".claim";

    /// <summary>Takes over the files of dead instances; returns how many.</summary>
    public int Adopt()
    {
        if (!cluster.IsClustered || !Directory.Exists(folders.WorkRoot))
        {
            return 0;
        }

        // The database is asked only when another instance's folder is there (every pass of the inbox loop comes here).
        var others = Directory.GetDirectories(folders.WorkRoot).Where(d => Path.GetFileName(d) != cluster.InstanceId).ToArray();
        if (others.Length == 0)
        {
            return 0;
        }

        var alive = cluster.Members().Where(m => m.Alive).Select(m => m.InstanceId).ToHashSet(StringComparer.Ordinal);
        var adopted = 0;
        foreach (var dir in others)
        {
            var owner = Path.GetFileName(dir);
            if (alive.Contains(owner))
            {
                continue;
            }

            var files = Directory.GetFiles(dir).Where(f => !f.EndsWith(ClaimExtension, StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();
            adopted += files.Count(TakeOver);
            if (files.Length > 0)
            {
                LogAdopted(files.Length, owner);
            }

            TryRemove(dir);
            cluster.Forget(owner);
        }

        return adopted;
    }

    private bool TakeOver(string file)
    {
        var target = Path.Combine(folders.Work, Path.GetFileName(file));
        try
        {
            File.Move(file, target);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false; // another instance took it first
        }

        try
        {
            File.Move(file + ClaimExtension, target + ClaimExtension);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            // No claim record (it was being written when the owner died): the file starts with no attempt counted.
        }

        return true;
    }

    /// <summary>Removes the folder with what is left in it that is no file: temporary files, and claim records whose file never arrived (the instance died between the record and the move).</summary>
    private static void TryRemove(string dir)
    {
        try
        {
            foreach (var leftover in Directory.GetFiles(dir).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)
                                                                         || (f.EndsWith(ClaimExtension, StringComparison.Ordinal) && !File.Exists(f[..^ClaimExtension.Length]))))
            {
                File.Delete(leftover);
            }

            Directory.Delete(dir);
        }
        catch (IOException)
        {
            // Not empty yet (a file still arriving from a claim cut short) or removed by another instance: next time.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Owner} stopped checking in; taking over {Count} file(s) it had claimed")]
    private partial void LogAdopted(int count, string owner);
}
