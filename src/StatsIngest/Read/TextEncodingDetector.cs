using System.Text;

namespace StatsIngest.Read;

/// <summary>
/// Decides how a CSV's bytes are text: a byte order mark wins; otherwise strict UTF-8 if every byte sequence is
/// valid; otherwise GB18030, which is what Chinese Excel writes ("CSV (逗号分隔)") and a superset of GBK and GB2312.
/// </summary>
public static class TextEncodingDetector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (Encoding Encoding, int BomLength, string Name) Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3, "UTF-8 (BOM)");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return (Encoding.Unicode, 2, "UTF-16LE (BOM)");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return (Encoding.BigEndianUnicode, 2, "UTF-16BE (BOM)");
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return (new UTF8Encoding(false), 0, "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding("GB18030"), 0, "GB18030");
        }
    }
}
