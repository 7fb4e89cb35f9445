using System.Text;

namespace StatsIngest.Collect;

/// <summary>
/// File names as file systems allow them: at most 255 bytes (UTF-8 on Linux; the same budget is kept on Windows), a
/// prefix or suffix added by shortening the stem and keeping the extension, Unicode kept whole.
/// </summary>
public static class FileNames
{
    public const int MaxBytes = 255;

    /// <summary>"prefix + stem + suffix + extension", the stem shortened (never inside a character) so the whole fits in 255 bytes.</summary>
    public static string Fit(string name, string prefix = "", string suffix = "")
    {
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 32)
        {
            extension = string.Empty; // not an extension but a long name with a dot in it
        }

        var stem = name[..(name.Length - extension.Length)];
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(prefix + suffix + extension);
        return prefix + Shorten(stem, Math.Max(budget, 1)) + suffix + extension;
    }

    /// <summary>A path in <paramref name="directory"/> for <paramref name="name"/> not taken yet (nor its report): "name (2).xlsx", "name (3).xlsx" …</summary>
    public static string Unique(string directory, string name, params string[] companions)
    {
        Directory.CreateDirectory(directory);
        var candidate = Path.Combine(directory, Fit(name));
        for (var i = 2; Taken(candidate, companions); i++)
        {
            candidate = Path.Combine(directory, Fit(name, suffix: $" ({i})"));
        }

        return candidate;
    }

    /// <summary>True when a name held bytes that are not UTF-8 (they read as U+FFFD): it can not be opened by that name.</summary>
    public static bool IsUndecodable(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    private static bool Taken(string candidate, string[] companions) =>
        File.Exists(candidate) || Directory.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null
        || companions.Any(c => File.Exists(candidate + c));

    private static string Shorten(string text, int bytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= bytes)
        {
            return text;
        }

        var sb = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (used + n > bytes - 3)
            {
                break;
            }

            sb.Append(rune.ToString());
            used += n;
        }

        return sb.Append('…').ToString();
    }
}
