using System.Globalization;
using System.Text;

namespace StatsIngest.Collect;

/// <summary>
/// One process per data folder: a lock file held open without sharing (an advisory lock on Unix, a sharing lock on
/// Windows) while the service or a command that writes runs, released when the process ends, however it ends. The
/// owner's pid, host and start time are written beside it (a locked file can not be read on Windows), so the one
/// refused can say who holds it. In a cluster the lock and <c>work/&lt;instance&gt;/</c> are the instance's own (its id
/// names them): released cleanly, it leaves no trace — the lock and its owner note go, and the work folder when nothing
/// waits in it (a file left there is taken over by another instance).
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly DataFolders _folders;

    private InstanceLock(FileStream stream, DataFolders folders)
    {
        _stream = stream;
        _folders = folders;
    }

    private static bool OwnsItsFolder(DataFolders folders) => folders.Work != folders.WorkRoot;

    /// <summary>Takes the lock, or returns null and says who holds it.</summary>
    public static InstanceLock? TryTake(DataFolders folders, TimeProvider clock, out string? heldBy)
    {
        heldBy = null;
        FileStream stream;
        try
        {
            stream = new FileStream(folders.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1,
                OwnsItsFolder(folders) ? FileOptions.DeleteOnClose : FileOptions.None);
        }
        catch (IOException)
        {
            heldBy = Owner(OwnerPath(folders));
            return null;
        }

        try
        {
            var owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}, started {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC");
            File.WriteAllText(OwnerPath(folders), owner, Encoding.UTF8);
            Directory.CreateDirectory(folders.Work);
            return new InstanceLock(stream, folders);
        }
        catch
        {
            // Taken but not set up (the owner note or the work folder could not be written): released, and said as it is.
            stream.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (OwnsItsFolder(_folders))
        {
            // While the lock is still held: nobody else can be this instance.
            try
            {
                File.Delete(OwnerPath(_folders));
                Directory.Delete(_folders.Work); // only when empty
            }
            catch (IOException)
            {
                // A file waits in work/<instance>/: kept, for another instance to take over.
            }
        }

        _stream.Dispose();
    }

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
