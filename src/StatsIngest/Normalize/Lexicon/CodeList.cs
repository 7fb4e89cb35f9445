using System.Text.RegularExpressions;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>A code list with its aliases; labels match after <see cref="Label.MatchKey"/> (NFKC, no spaces, no 、，· punctuation, lower case).</summary>
public sealed partial class CodeList
{
    private readonly Dictionary<string, CodeEntry> _byAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeEntry> _byCode = new(StringComparer.Ordinal);

    public CodeList(string name, IEnumerable<CodeEntry> entries)
    {
        Name = name;
        foreach (var e in entries)
        {
            _byCode[e.Code] = e;
            foreach (var alias in e.Aliases.Append(e.Name).Append(e.Code))
            {
                var key = Label.MatchKey(alias);
                if (key.Length > 0 && !_byAlias.TryAdd(key, e) && _byAlias[key].Code != e.Code)
                {
                    throw new InvalidDataException(
                        $"Code list '{name}': the label '{alias}' is given for both {_byAlias[key].Code} and {e.Code}.");
                }
            }
        }
    }

    public string Name { get; }

    public IEnumerable<CodeEntry> Entries => _byCode.Values;

    public CodeEntry? Match(string? label)
    {
        var key = Label.MatchKey(label);
        return _byAlias.TryGetValue(key, out var e) ? e : Coded(key);
    }

    /// <summary>
    /// A label giving an entry's code with its name — "C13 农副食品加工业", "13农副食品加工业", "农副食品加工业(C13)", "C 制造业"
    /// (GB/T 4754: a division's code after its section's letter) — is that entry when the code and the name agree; a
    /// section letter that is not the division's section, or a code and a name of two entries, match nothing.
    /// </summary>
    private CodeEntry? Coded(string key)
    {
        if (key.AsSpan().IndexOfAnyInRange('0', '9') < 0 && !(key.Length > 0 && key[0] is >= 'a' and <= 't'))
        {
            return null; // no code in it (a name alone, as every unmapped region is): no pattern tried, on a path taken for every row
        }

        var m = CodeThenName().Match(key) is { Success: true } first && first.Groups["name"].Index > 0 ? first : NameThenCode().Match(key);
        if (!m.Success || !_byAlias.TryGetValue(m.Groups["name"].Value, out var named))
        {
            return null;
        }

        var (letter, digits) = (m.Groups["letter"].Value.ToUpperInvariant(), m.Groups["digits"].Value);
        if (letter.Length + digits.Length == 0)
        {
            return null;
        }

        var coded = _byCode.GetValueOrDefault(digits.Length > 0 ? digits : letter);
        return coded == named && (digits.Length == 0 || letter.Length == 0 || coded.Section == letter) ? coded : null;
    }

    [GeneratedRegex(@"^(?<letter>[a-t])?(?<digits>\d{2,4})?[-.．:：]?(?<name>[^\d\sa-z(（\[【].*)$")]
    private static partial Regex CodeThenName();

    [GeneratedRegex(@"^(?<name>[^\d\sa-z].*?)[(（\[【](?<letter>[a-t])?(?<digits>\d{2,4})?[)）\]】]$")]
    private static partial Regex NameThenCode();

    public CodeEntry? ByCode(string code) => _byCode.GetValueOrDefault(code);

    public string NameOf(string code) => _byCode.TryGetValue(code, out var e) ? e.Name : code;
}
