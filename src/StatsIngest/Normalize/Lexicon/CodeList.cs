using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>A code list with its aliases; labels match after <see cref="Label.MatchKey"/> (NFKC, no spaces, no 、，· punctuation, lower case).</summary>
public sealed class CodeList
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

    public CodeEntry? Match(string? label) =>
        _byAlias.TryGetValue(Label.MatchKey(label), out var e) ? e : null;

    public CodeEntry? ByCode(string code) => _byCode.GetValueOrDefault(code);

    public string NameOf(string code) => _byCode.TryGetValue(code, out var e) ? e.Name : code;
}
