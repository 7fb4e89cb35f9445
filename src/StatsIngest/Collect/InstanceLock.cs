using System.Globalization;
using System.Text;

namespace StatsIngest.Collect;

/// <summary>
/// One process per data folder: a lock file held open without sharing (an advisory lock on Unix, a sharing lock on
/// Windows) while the service or a command that writes runs, released when the process ends, however it ends. The
/// owner's pid, host and start time are written beside it (a locked file can not be read on Windows), so the one
/// refused can say who holds it.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null and says who holds it.</summary>
    public static InstanceLock? TryTake(DataFolders folders, TimeProvider clock, out string? heldBy)
    {
        heldBy = null;
        try
        {
            var stream = new FileStream(folders.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}, started {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC");
            File.WriteAllText(OwnerPath(folders), owner, Encoding.UTF8);
            return new InstanceLock(stream);
        }
        catch (IOException)
        {
            heldBy = Owner(OwnerPath(folders));
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string OwnerPath(DataFolders folders) => folders.LockPath + ".owner";

    private static string Owner(string path)
    {
        try
        {
            var text = File.ReadAllText(path, Encoding.UTF8).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
