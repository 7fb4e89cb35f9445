using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>Finds code-list entries in a cell: the whole cell, an alias at its start, or an alias inside a title.</summary>
public sealed class EntityFinder
{
    private readonly CodeLists _codes;
    private readonly (string Key, CodeEntry Entry, string List)[] _prefixes;
    private readonly (string Key, CodeEntry Entry)[] _indicators;
    private readonly (string Key, CodeEntry Entry)[] _regions;

    public EntityFinder(CodeLists codes)
    {
        _codes = codes;
        _prefixes = Aliases(codes.Indicators, "indicators").Concat(Aliases(codes.Products, "products")).Concat(Aliases(codes.Industries, "industries"))
            .Where(a => a.Key.Length >= 2).OrderByDescending(a => a.Key.Length).ToArray();
        _indicators = Aliases(codes.Indicators, "indicators").Where(a => a.Key.Length >= 4).OrderByDescending(a => a.Key.Length).Select(a => (a.Key, a.Entry)).ToArray();
        _regions = Aliases(codes.Regions, "regions").Where(a => a.Key.Length >= 2).OrderByDescending(a => a.Key.Length).Select(a => (a.Key, a.Entry)).ToArray();
    }

    /// <summary>Every code list the whole text is an entry of, in the order indicators, products, industries, regions.</summary>
    public IReadOnlyList<(string List, CodeEntry Entry)> Exact(string text)
    {
        var found = new List<(string, CodeEntry)>(1);
        Add(found, "indicators", _codes.Indicators.Match(text));
        Add(found, "products", _codes.Products.Match(text));
        Add(found, "industries", _codes.Industries.Match(text));
        Add(found, "regions", _codes.Regions.Match(text));
        return found;
    }

    /// <summary>The longest indicator, product or industry alias the text starts with, when the rest passes <paramref name="restIsWords"/>.</summary>
    public (CodeEntry Entry, string List, string Alias)? Prefix(string text, Func<string, bool> restIsWords)
    {
        var key = Label.MatchKey(text);
        foreach (var (alias, entry, list) in _prefixes)
        {
            if (key.Length > alias.Length && key.StartsWith(alias, StringComparison.Ordinal) && restIsWords(key[alias.Length..]))
            {
                return (entry, list, alias);
            }
        }

        return null;
    }

    /// <summary>The longest region alias (two characters or more) the text starts with, and the rest of its key after it.</summary>
    public (CodeEntry Entry, string Alias, string Remainder)? RegionPrefix(string text)
    {
        var key = Label.MatchKey(text);
        foreach (var (alias, entry) in _regions)
        {
            if (key.Length > alias.Length && key.StartsWith(alias, StringComparison.Ordinal))
            {
                return (entry, alias, key[alias.Length..]);
            }
        }

        return null;
    }

    /// <summary>The indicator a title names: the longest alias of four characters or more it contains.</summary>
    public (CodeEntry Entry, string Alias)? IndicatorInText(string text) => Longest(_indicators, text);

    /// <summary>The region a title names: the longest alias of two characters or more it contains.</summary>
    public (CodeEntry Entry, string Alias)? RegionInText(string text) => Longest(_regions, text);

    private static (CodeEntry, string)? Longest((string Key, CodeEntry Entry)[] aliases, string text)
    {
        var key = Label.MatchKey(text);
        foreach (var (alias, entry) in aliases)
        {
            if (key.Contains(alias, StringComparison.Ordinal))
            {
                return (entry, alias);
            }
        }

        return null;
    }

    private static void Add(List<(string, CodeEntry)> found, string list, CodeEntry? entry)
    {
        if (entry is not null)
        {
            found.Add((list, entry));
        }
    }

    private static IEnumerable<(string Key, CodeEntry Entry, string List)> Aliases(CodeList list, string name) =>
        list.Entries.SelectMany(e => e.Aliases.Append(e.Name).Append(e.Code).Select(a => (Label.MatchKey(a), e, name))).Distinct();
}
