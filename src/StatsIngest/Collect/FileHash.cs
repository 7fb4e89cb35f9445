using System.Security.Cryptography;

namespace StatsIngest.Collect;

/// <summary>The SHA-256 of a file's content, lower-case hex: the identity of a delivery, whatever its name.</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
