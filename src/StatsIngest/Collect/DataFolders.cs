namespace StatsIngest.Collect;

/// <summary>The data folder's layout: inbox (watched), work (claimed), archive/YYYY/MM (done), quarantine (rejected + report), out (workbooks), statsingest.db.</summary>
public sealed class DataFolders
{
    public DataFolders(string root)
    {
        Root = Path.GetFullPath(root);
        Inbox = Path.Combine(Root, "inbox");
        Work = Path.Combine(Root, "work");
        Archive = Path.Combine(Root, "archive");
        Quarantine = Path.Combine(Root, "quarantine");
        Out = Path.Combine(Root, "out");
        DatabasePath = Path.Combine(Root, "statsingest.db");
        LockPath = Path.Combine(Root, ".statsingest.lock");
        RefreshPending = Path.Combine(Out, ".refresh-pending");
    }

    public string Root { get; }

    public string Inbox { get; }

    public string Work { get; }

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
        foreach (var d in new[] { Root, Inbox, Work, Archive, Quarantine, Out })
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

    /// <summary>Why a folder of the data folder can not be written (a read-only file system, no permission), or null when all can.</summary>
    public string? Unwritable()
    {
        foreach (var d in new[] { Root, Inbox, Work, Archive, Quarantine, Out })
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
