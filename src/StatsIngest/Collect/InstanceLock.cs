using System.Globalization;
using System.Text;

namespace StatsIngest.Collect;

/// <summary>
/// One process per data folder: a lock file held open without sharing (an advisory lock on Unix, a sharing lock on
/// Windows) while the service or a command that writes runs, with the owner's pid, host and start time inside so the
/// one refused can say who holds it. Released when the process ends, however it ends.
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
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(owner));
            stream.Flush(flushToDisk: true);
            return new InstanceLock(stream);
        }
        catch (IOException)
        {
            heldBy = Owner(folders.LockPath);
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string Owner(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(s, Encoding.UTF8);
            var text = reader.ReadToEnd().Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
