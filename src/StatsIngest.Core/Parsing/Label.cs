using System.Collections.Concurrent;
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

        // A table repeats its labels on every row; NFKC goes through ICU, so short labels are folded once each.
        if (text.Length > MemoLength)
        {
            return FoldUncached(text);
        }

        if (Folded.TryGetValue(text, out var folded))
        {
            return folded;
        }

        folded = FoldUncached(text);
        if (Volatile.Read(ref Memoized) < MemoEntries && Folded.TryAdd(text, folded))
        {
            Interlocked.Increment(ref Memoized);
        }

        return folded;
    }

    private const int MemoLength = 64;
    private const int MemoEntries = 16384;
    private static readonly ConcurrentDictionary<string, string> Folded = new(StringComparer.Ordinal);
    private static int Memoized;

    private static string FoldUncached(string text)
    {
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
