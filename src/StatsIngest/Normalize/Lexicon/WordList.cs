using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>Word classes tried in the order written in the vocabulary; the first that matches wins.</summary>
public sealed class WordList<T>(string name, IReadOnlyList<WordClass<T>> classes)
{
    public string Name { get; } = name;

    public IReadOnlyList<WordClass<T>> Classes { get; } = classes;

    /// <summary>The first class whose word is in <paramref name="text"/> (or whose code is the whole text).</summary>
    public WordMatch<T>? Find(string? text)
    {
        var key = Label.Key(text);
        foreach (var c in Classes)
        {
            if (c.FindIn(key) is { } word)
            {
                return new WordMatch<T>(c.Meaning, word);
            }
        }

        return null;
    }

    /// <summary>The class whose word is in <paramref name="text"/> when no other class's is ("当月及累计" names none).</summary>
    public WordMatch<T>? Only(string? text)
    {
        var key = Label.Key(text);
        WordMatch<T>? only = null;
        foreach (var c in Classes)
        {
            if (c.FindIn(key) is { } word)
            {
                if (only is not null)
                {
                    return null;
                }

                only = new WordMatch<T>(c.Meaning, word);
            }
        }

        return only;
    }

    /// <summary>The class whose word or code is the whole <paramref name="text"/>.</summary>
    public WordMatch<T>? Whole(string? text)
    {
        var key = Label.Key(text);
        foreach (var c in Classes)
        {
            if (c.IsWhole(key))
            {
                return new WordMatch<T>(c.Meaning, key);
            }
        }

        return null;
    }
}
