using Mono.Unix;
using StatsIngest.Messages;

namespace StatsIngest.Collect;

/// <summary>Tells a regular file from a link, a FIFO or a device without opening it: lstat through Mono.Unix on Unix, attributes on Windows.</summary>
public static class FileKinds
{
    public static FileKind Of(string path)
    {
        try
        {
            return OperatingSystem.IsWindows() ? FromAttributes(path) : FromStat(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return File.Exists(path) || Directory.Exists(path) ? FileKind.Other : FileKind.Missing;
        }
    }

    /// <summary>"a FIFO (named pipe)", "a symbolic link to /etc/shadow" — what a refused entry is, in words.</summary>
    public static Msg Describe(string path, FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => new FileInfo(path).LinkTarget is { } target ? Msg.Of("a symbolic link (to {target})", ("target", target)) : Msg.Of("a symbolic link (to an unknown target)"),
        FileKind.Fifo => Msg.Of("a FIFO (named pipe): reading it would wait for a writer that may never come"),
        FileKind.Device => Msg.Of("a device: reading it might never end"),
        FileKind.Socket => Msg.Of("a socket"),
        FileKind.Directory => Msg.Of("a folder"),
        _ => Msg.Of("not a regular file"),
    };

    private static FileKind FromAttributes(string path)
    {
        var attributes = File.GetAttributes(path);
        return attributes.HasFlag(FileAttributes.ReparsePoint) ? FileKind.SymbolicLink
            : attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory
            : attributes.HasFlag(FileAttributes.Device) ? FileKind.Device
            : FileKind.Regular;
    }

    private static FileKind FromStat(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return FileKind.Missing;
        }

        return UnixFileSystemInfo.GetFileSystemEntry(path).FileType switch
        {
            FileTypes.RegularFile => FileKind.Regular,
            FileTypes.Directory => FileKind.Directory,
            FileTypes.SymbolicLink => FileKind.SymbolicLink,
            FileTypes.Fifo => FileKind.Fifo,
            FileTypes.CharacterDevice or FileTypes.BlockDevice => FileKind.Device,
            FileTypes.Socket => FileKind.Socket,
            _ => FileKind.Other,
        };
    }
}
