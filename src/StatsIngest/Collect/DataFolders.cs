namespace StatsIngest.Collect;

/// <summary>The data folder's layout: inbox (watched), work (claimed), archive/YYYY/MM (done), quarantine (rejected + report), out (workbooks), statsingest.db.</summary>
public sealed class DataFolders
{
    /// <param name="root">The data folder.</param>
    /// <param name="instance">In a cluster (several instances on one data folder), this instance's id: its claimed files
    /// wait in <c>work/&lt;instance&gt;/</c> and its lock is its own; null for the one process of a data folder.</param>
    public DataFolders(string root, string? instance = null)
    {
        Root = Path.GetFullPath(root);
        Inbox = Path.Combine(Root, "inbox");
        WorkRoot = Path.Combine(Root, "work");
        Work = instance is null ? WorkRoot : Path.Combine(WorkRoot, instance);
        Archive = Path.Combine(Root, "archive");
        Quarantine = Path.Combine(Root, "quarantine");
        Out = Path.Combine(Root, "out");
        DatabasePath = Path.Combine(Root, "statsingest.db");
        LockPath = Path.Combine(Root, instance is null ? ".statsingest.lock" : $".statsingest.{instance}.lock");
        RefreshPending = Path.Combine(Out, ".refresh-pending");
    }

    public string Root { get; }

    public string Inbox { get; }

    /// <summary>
    /// This process's claimed files (in a cluster, its own folder under <see cref="WorkRoot"/>, which exists while the
    /// instance holds its lock: <see cref="InstanceLock"/> makes it and, left empty, removes it).
    /// </summary>
    public string Work { get; }

    /// <summary>work/: in a cluster, one folder per instance.</summary>
    public string WorkRoot { get; }

    public string Archive { get; }

    public string Quarantine { get; }

    public string Out { get; }

    public string DatabasePath { get; }

    /// <summary>Held by the process that works on this data folder (<see cref="InstanceLock"/>).</summary>
    public string LockPath { get; }

    /// <summary>Present while the indicators and workbooks are being refreshed: found at start, the refresh is finished.</summary>
    public string RefreshPending { get; }

    public DataFolders EnsureCreated()
    {
        foreach (var d in new[] { Root, Inbox, WorkRoot, Archive, Quarantine, Out })
        {
            try
            {
                Directory.CreateDirectory(d);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DataFolderException($"the folder {d} can not be created ({ex.Message}); StatsIngest needs to write its data folder (Data:Directory or --data).", ex);
            }
        }

        return this;
    }

    /// <summary>
    /// Makes again the folders removed while the service runs (an operator emptying out/ or quarantine/), each on its
    /// own; one that can not be made (a file in its place) is left to the step that writes into it, which says why.
    /// </summary>
    public void Restore()
    {
        foreach (var d in new[] { Inbox, Work, Archive, Quarantine, Out })
        {
            try
            {
                Directory.CreateDirectory(d);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Said where it matters: the claim, the archive, the quarantine report or the refresh fails with the reason.
            }
        }
    }

    /// <summary>Why a folder of the data folder can not be written (a read-only file system, no permission), or null when all can.</summary>
    public string? Unwritable()
    {
        foreach (var d in new[] { Root, Inbox, WorkRoot, Archive, Quarantine, Out })
        {
            var probe = Path.Combine(d, $".probe-{Guid.NewGuid():N}");
            try
            {
                File.WriteAllText(probe, string.Empty);
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"the folder {d} can not be written ({ex.Message}); StatsIngest needs to write its data folder (Data:Directory or --data).";
            }
        }

        return null;
    }

    /// <summary>A path relative to the data folder, with forward slashes, for the ledger.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
