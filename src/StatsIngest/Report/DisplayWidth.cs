namespace StatsIngest.Report;

/// <summary>Column widths computed by the code (ClosedXML's auto-fit needs System.Drawing, absent on Linux): CJK and full-width characters count as two.</summary>
public static class DisplayWidth
{
    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var width = 0;
        foreach (var ch in text)
        {
            width += ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3)
                                      || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60)
                                      || (ch >= 0xFFE0 && ch <= 0xFFE6))
                ? 2
                : 1;
        }

        return width;
    }
}
