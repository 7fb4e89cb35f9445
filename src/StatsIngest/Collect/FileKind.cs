namespace StatsIngest.Collect;

/// <summary>What an entry of a folder is, found without opening it (a FIFO or a device would block or never end).</summary>
public enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Device,
    Socket,
    Missing,
    Other,
}
