using System.Text;

namespace StatsIngest.Parsing;

/// <summary>
/// Folds the text of a cell the way a reader of Chinese tables sees it: NFKC (full-width digits, letters and
/// brackets become ASCII), line breaks and padding spaces inside labels removed ("合  计" → "合计").
/// </summary>
public static class Label
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var nfkc = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var ch in nfkc)
        {
            if (!char.IsWhiteSpace(ch) && ch != '\u200B' && ch != '\uFEFF')
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>A key for matching header names and code-list aliases: folded, lower case, without brackets' contents kept.</summary>
    public static string Key(string? text) => Fold(text).ToLowerInvariant();

    /// <summary>
    /// The key code-list labels match on: <see cref="Key"/> without the enumeration punctuation offices drop or
    /// change (、，,·・), so "计算机通信和其他电子设备制造业" finds "计算机、通信和其他电子设备制造业".
    /// </summary>
    public static string MatchKey(string? text)
    {
        var key = Key(text);
        return key.IndexOfAny(EnumerationPunctuation) < 0 ? key : string.Concat(key.Where(c => Array.IndexOf(EnumerationPunctuation, c) < 0));
    }

    private static readonly char[] EnumerationPunctuation = ['、', ',', '，', '·', '・', '､'];
}
