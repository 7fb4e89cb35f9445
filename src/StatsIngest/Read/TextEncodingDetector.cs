using System.Text;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>How a CSV's bytes were decoded, and what the reader should say about it; where its first NUL byte is (-1: none).</summary>
public sealed record DetectedEncoding(Encoding Encoding, int BomLength, string Name, Msg? Warning = null, bool Lossy = false)
{
    public long FirstNul { get; init; } = -1;
}

/// <summary>
/// Decides how a CSV's bytes are text: a byte order mark wins; otherwise strict UTF-8 if every byte sequence is
/// valid; otherwise GB18030, which is what Chinese Excel writes ("CSV (逗号分隔)") and a superset of GBK and GB2312 —
/// unless GB18030 gives mostly rare characters (outside GB2312, which holds every character of the tables) where
/// Windows-1252 gives Latin letters: such a file is read as Windows-1252, with a warning. Bytes that are valid in
/// none are replaced by '�', with a warning.
/// </summary>
public static class TextEncodingDetector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> StrictGb18030 = new(() => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
    private static readonly Lazy<Encoding> Gbk = new(() => Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));

    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const int HeadBytes = 64 * 1024;

    /// <summary>Decides the encoding of a file, reading it through in chunks (never whole): the marks and a sample from its head, validity over all of it.</summary>
    public static DetectedEncoding Detect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = new byte[HeadBytes];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var sample = head.AsSpan(0, headLength);
        if (Marked(sample) is { } marked)
        {
            return marked;
        }

        if (Utf16WithoutMark(sample) is { } utf16)
        {
            return new(utf16, 0, (utf16 is UnicodeEncoding { CodePage: 1201 } ? "UTF-16BE" : "UTF-16LE") + " (no BOM)",
                Msg.Of("This file is UTF-16 without a byte order mark (as some exports write it); it is read as such. Save it as UTF-8 to be sure."));
        }

        stream.Position = 0;
        var (utf8, nul) = Scan(stream, StrictUtf8);
        if (utf8)
        {
            return new(new UTF8Encoding(false), 0, "UTF-8") { FirstNul = nul };
        }

        stream.Position = 0;
        var (gb, _) = Scan(stream, StrictGb18030.Value);
        return NotUtf8(sample, gb) with { FirstNul = nul };
    }

    private static DetectedEncoding? Marked(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new(new UTF8Encoding(false), 3, "UTF-8 (BOM)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new(new UTF32Encoding(bigEndian: false, byteOrderMark: true), 4, "UTF-32LE (BOM)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new(new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4, "UTF-32BE (BOM)");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return new(Encoding.Unicode, 2, "UTF-16LE (BOM)");
        }

        return bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? new(Encoding.BigEndianUnicode, 2, "UTF-16BE (BOM)") : null;
    }

    /// <summary>Whether the whole stream decodes strictly, and the offset of its first NUL byte (-1: none); stops when both are known.</summary>
    private static (bool Valid, long FirstNul) Scan(Stream stream, Encoding strict)
    {
        var decoder = strict.GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[strict.GetMaxCharCount(buffer.Length)];
        long offset = 0, nul = -1;
        var valid = true;
        int n;
        while ((valid || nul < 0) && (n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var chunk = buffer.AsSpan(0, n);
            if (nul < 0 && chunk.IndexOf((byte)0) is var at and >= 0)
            {
                nul = offset + at;
            }

            valid = valid && Decodes(decoder, chunk, chars, flush: false);
            offset += n;
        }

        return (valid && Decodes(decoder, [], chars, flush: true), nul);
    }

    /// <summary>Decodes a chunk, carrying a character cut at its end over to the next (GetChars keeps the decoder's state; GetCharCount does not).</summary>
    private static bool Decodes(Decoder decoder, ReadOnlySpan<byte> bytes, Span<char> chars, bool flush)
    {
        try
        {
            decoder.GetChars(bytes, chars, flush);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A file that is not UTF-8: GB18030 (strict or with '�'), or Windows-1252 when GB18030 gives mostly rare characters.</summary>
    private static DetectedEncoding NotUtf8(ReadOnlySpan<byte> sample, bool strictGb18030)
    {
        var gb18030 = Encoding.GetEncoding("GB18030");
        if (!strictGb18030)
        {
            var replacing = Encoding.GetEncoding("GB18030", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
            return new(replacing, 0, "GB18030 (with undecodable bytes)",
                Msg.Of("Some bytes of this file are valid neither in UTF-8 nor in GB18030; they are read as '�'. Save the file as UTF-8 (CSV UTF-8 in Excel) to be sure."), Lossy: true);
        }

        var rare = RareCharacters(gb18030.GetString(sample));
        if (rare.Count == 0)
        {
            return new(gb18030, 0, "GB18030");
        }

        var text = string.Concat(rare.Take(6));
        var latin = Encoding.GetEncoding(1252);
        return LooksLatin(latin.GetString(sample))
            ? new(latin, 0, "Windows-1252",
                Msg.Of("This file is not UTF-8, and read as GB18030 it gives rare characters ('{text}'); it is read as Windows-1252 (Latin-1) instead. Save the file as UTF-8 to be sure.", ("text", text)))
            : new(gb18030, 0, "GB18030",
                Msg.Of("This file is read as GB18030, but it gives rare characters ('{text}'): check the labels, or save the file as UTF-8.", ("text", text)));
    }

    /// <summary>
    /// UTF-16 without a mark: in its first kilobytes a NUL in at least a quarter of the odd (LE) or even (BE) bytes, and in
    /// four at least (one NUL in a few bytes of garbage is no text), and none in the others.
    /// </summary>
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        const int MinimumNuls = 4;
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 8)
        {
            return null;
        }

        int even = 0, odd = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            even += sample[i] == 0 ? 1 : 0;
            odd += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return odd * 4 >= pairs && odd >= MinimumNuls && even == 0 ? Encoding.Unicode
            : even * 4 >= pairs && even >= MinimumNuls && odd == 0 ? Encoding.BigEndianUnicode
            : null;
    }

    /// <summary>The characters outside GB2312 (a GBK code with a trail byte below 0xA1, or none) when they are more than a fifth of the non-ASCII ones.</summary>
    private static List<char> RareCharacters(string text)
    {
        var nonAscii = 0;
        var rare = new List<char>();
        Span<byte> buffer = stackalloc byte[8];
        foreach (var c in text.Where(c => c > 0x7F))
        {
            nonAscii++;
            var gb2312 = false;
            try
            {
                gb2312 = Gbk.Value.GetBytes([c], buffer) == 2 && buffer[0] >= 0xA1 && buffer[1] >= 0xA1;
            }
            catch (EncoderFallbackException)
            {
            }

            if (!gb2312)
            {
                rare.Add(c);
            }
        }

        return rare.Count * 5 > nonAscii ? rare.Distinct().ToList() : [];
    }

    /// <summary>True when every non-ASCII character is a Latin letter or common Latin-1 punctuation.</summary>
    private static bool LooksLatin(string text) =>
        text.Where(c => c > 0x7F).All(c => (char.IsLetter(c) && c <= 0x24F) || "«»°±²³µ·¼½¾€£¥§©®–—‘’“”…".Contains(c, StringComparison.Ordinal));
}
