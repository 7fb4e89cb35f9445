using System.Text;

namespace StatsIngest.Read;

/// <summary>What a file named as a workbook holds, by its first bytes: web sites and office systems export tables under an Excel name that are not workbooks.</summary>
internal enum FileContent
{
    /// <summary>A zip package (.xlsx), a compound file (.xls), or anything else the workbook reader is left to say about (an empty file too).</summary>
    Workbook,

    /// <summary>Text with no markup: a CSV or tab-separated table.</summary>
    Text,

    /// <summary>A web page (HTML).</summary>
    WebPage,

    /// <summary>An Excel 2003 XML spreadsheet (SpreadsheetML).</summary>
    Xml2003,
}

/// <summary>Tells a file's <see cref="FileContent"/> from its first 4 KB.</summary>
internal static class FileContents
{
    private const int Head = 4096;

    public static FileContent Of(string path)
    {
        var head = new byte[Head];
        int n;
        using (var file = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            n = file.ReadAtLeast(head, Head, throwOnEndOfStream: false);
        }

        var bytes = head.AsSpan(0, n);
        if (n == 0 || bytes.StartsWith("PK"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return FileContent.Workbook;
        }

        var utf16 = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode : bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode : null;
        if (utf16 is null && bytes.Contains((byte)0))
        {
            return FileContent.Workbook; // binary: the reader says what is wrong with it
        }

        var text = (utf16 ?? Encoding.UTF8).GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!text.StartsWith('<'))
        {
            return FileContent.Text;
        }

        return text.Contains("urn:schemas-microsoft-com:office:spreadsheet", StringComparison.OrdinalIgnoreCase) ? FileContent.Xml2003
            : text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<table", StringComparison.OrdinalIgnoreCase) || text.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) ? FileContent.WebPage
            : FileContent.Workbook;
    }
}
