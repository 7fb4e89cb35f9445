using System.Text;

namespace StatsIngest.Collect;

/// <summary>
/// File names as file systems allow them: at most 255 bytes (UTF-8 on Linux; the same budget is kept on Windows), a
/// prefix or suffix added by shortening the stem and keeping the extension, Unicode kept whole.
/// </summary>
public static class FileNames
{
    public const int MaxBytes = 255;

    /// <summary>
    /// "prefix + stem + suffix + extension", the stem shortened (never inside a character) so the whole fits in 255 bytes,
    /// less <paramref name="reserve"/> bytes kept for a companion's ending (".error.txt", ".claim.tmp").
    /// </summary>
    public static string Fit(string name, string prefix = "", string suffix = "", int reserve = 0)
    {
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 32)
        {
            extension = string.Empty; // not an extension but a long name with a dot in it
        }

        var stem = name[..(name.Length - extension.Length)];
        var budget = MaxBytes - reserve - Encoding.UTF8.GetByteCount(prefix + suffix + extension);
        return prefix + Shorten(stem, Math.Max(budget, 1)) + suffix + extension;
    }

    /// <summary>
    /// A path in <paramref name="directory"/> for <paramref name="name"/> not taken yet (nor its <paramref name="companion"/>,
    /// a report): "name (2).xlsx", "name (3).xlsx" … — with room for the companion's ending, and for the ending it is
    /// written under first (<paramref name="companionWhileWritten"/>; a leftover of that, from a kill, takes no name).
    /// </summary>
    public static string Unique(string directory, string name, string? companion = null, string? companionWhileWritten = null)
    {
        Directory.CreateDirectory(directory);
        var reserve = Math.Max(Encoding.UTF8.GetByteCount(companion ?? string.Empty), Encoding.UTF8.GetByteCount(companionWhileWritten ?? string.Empty));
        string[] companions = companion is null ? [] : [companion];
        var candidate = Path.Combine(directory, Fit(name, reserve: reserve));
        for (var i = 2; Taken(candidate, companions); i++)
        {
            candidate = Path.Combine(directory, Fit(name, suffix: $" ({i})", reserve: reserve));
        }

        return candidate;
    }

    /// <summary>True when a name held bytes that are not UTF-8 (they read as U+FFFD): it can not be opened by that name.</summary>
    public static bool IsUndecodable(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>
    /// A readable name for one whose bytes were not UTF-8, given as Mono.Unix marks them (U+0000 then the byte): each
    /// run of such bytes read as GB18030 when it is valid GB18030 (what old Chinese systems write), else '_' per byte.
    /// </summary>
    public static string FromMarkedBytes(string marked)
    {
        var name = new StringBuilder();
        var run = new List<byte>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '\0' && i + 1 < marked.Length)
            {
                run.Add((byte)marked[++i]);
                continue;
            }

            name.Append(Decode(run));
            run.Clear();
            name.Append(marked[i]);
        }

        return name.Append(Decode(run)).ToString();
    }

    private static string Decode(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            return string.Empty;
        }

        try
        {
            var text = StrictGb18030.Value.GetString(bytes.ToArray());
            return text.Any(char.IsControl) ? new string('_', bytes.Count) : text;
        }
        catch (DecoderFallbackException)
        {
            return new string('_', bytes.Count);
        }
    }

    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

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
