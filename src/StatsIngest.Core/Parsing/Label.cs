using System.Collections.Concurrent;
using System.Text;

namespace StatsIngest.Parsing;

/// <summary>
/// Folds the text of a cell the way a reader of Chinese tables sees it: NFKC (full-width digits, letters and
/// brackets become ASCII), line breaks and padding spaces inside labels removed ("合  计" → "合计").
/// </summary>
public static class Label
{
    public static string Fold(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Folds.Of(text);

    // A table repeats its labels on every row; NFKC goes through ICU, so short labels are folded once each.
    private static readonly TextMemo Folds = new(FoldUncached, keepsUnchanged: false);

    // The ASCII characters the folding removes (char.IsWhiteSpace: tab to carriage return, and space).
    private static readonly System.Buffers.SearchValues<char> AsciiWhiteSpace =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 128).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    private static string FoldUncached(string text)
    {
        if (System.Text.Ascii.IsValid(text) && text.AsSpan().IndexOfAny(AsciiWhiteSpace) < 0)
        {
            return text; // ASCII is its own NFKC: a number, a code, a plain header need no folding
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
    public static string MatchKey(string? text) => string.IsNullOrEmpty(text) ? string.Empty : MatchKeys.Of(text);

    private static readonly char[] EnumerationPunctuation = ['、', ',', '，', '·', '・', '､'];

    // Every row of a canonical file matches its indicator, industry and region: lower-cased once per label, not per row.
    private static readonly TextMemo MatchKeys = new(
        text =>
        {
            var key = Key(text);
            return key.IndexOfAny(EnumerationPunctuation) < 0 ? key : string.Concat(key.Where(c => Array.IndexOf(EnumerationPunctuation, c) < 0));
        },
        keepsUnchanged: true);

    /// <summary>
    /// What a short text gives, made once per text and kept (up to a bound; past it, made every time). Shared by every
    /// reading, so thread-safe. <paramref name="keepsUnchanged"/> false: a text that gives itself (a number, a code: clean
    /// ASCII folds to itself at once) is not kept, so a file's numbers do not fill the memo before its labels.
    /// </summary>
    private sealed class TextMemo(Func<string, string> make, bool keepsUnchanged)
    {
        private const int MaxLength = 64;
        private const int MaxEntries = 16384;
        private readonly ConcurrentDictionary<string, string> _made = new(StringComparer.Ordinal);
        private int _count;

        public string Of(string text)
        {
            if (text.Length > MaxLength)
            {
                return make(text);
            }

            if (_made.TryGetValue(text, out var made))
            {
                return made;
            }

            made = make(text);
            if ((keepsUnchanged || !ReferenceEquals(made, text)) && Volatile.Read(ref _count) < MaxEntries && _made.TryAdd(text, made))
            {
                Interlocked.Increment(ref _count);
            }

            return made;
        }
    }
}
