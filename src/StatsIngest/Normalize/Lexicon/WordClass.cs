using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>
/// Words that mean one thing (a measure, a basis, a status, a skip reason, a kind of stub): <see cref="Words"/> are
/// found anywhere in a cell, <see cref="Codes"/> only as the whole cell. Both are kept as <see cref="Label.Key"/>s.
/// </summary>
public sealed record WordClass<T>(T Meaning, IReadOnlyList<string> Words, IReadOnlyList<string> Codes)
{
    /// <summary>The word or code of this class that <paramref name="key"/> holds, or null.</summary>
    public string? FindIn(string key)
    {
        foreach (var code in Codes)
        {
            if (key == code)
            {
                return code;
            }
        }

        foreach (var word in Words)
        {
            if (word.Length > 0 && key.Contains(word, StringComparison.Ordinal))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>True when the whole <paramref name="key"/> is one of the class's words or codes.</summary>
    public bool IsWhole(string key) => Codes.Contains(key) || Words.Contains(key);
}
