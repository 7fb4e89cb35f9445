using System.Globalization;

namespace StatsIngest.Report;

/// <summary>
/// Text as a workbook cell can hold it: Excel stops at 32,767 characters. A longer text — a long list of unmapped
/// labels, say — is cut at a separator with "… and N more"; the companion CSV keeps it whole.
/// </summary>
public static class CellText
{
    public const int ExcelLimit = 32_767;
    private const int Keep = 32_000;
    private static readonly string[] Separators = ["、", " | ", "; ", "\n", ", "];

    public static string Fit(string text)
    {
        if (text.Length <= ExcelLimit)
        {
            return text;
        }

        foreach (var separator in Separators)
        {
            var cut = text.LastIndexOf(separator, Keep, StringComparison.Ordinal);
            if (cut > Keep / 2)
            {
                var rest = text[cut..].Split(separator, StringSplitOptions.RemoveEmptyEntries).Length;
                return text[..cut] + string.Create(CultureInfo.InvariantCulture, $"{separator}… {(Words.English ? $"and {rest} more (all in the companion CSV)" : $"另有 {rest} 项（全部见配套 CSV）")}");
            }
        }

        return text[..Keep] + string.Create(CultureInfo.InvariantCulture, $"… {(Words.English ? $"and {text.Length - Keep} more characters (all in the companion CSV)" : $"另有 {text.Length - Keep} 个字符（全部见配套 CSV）")}");
    }
}
