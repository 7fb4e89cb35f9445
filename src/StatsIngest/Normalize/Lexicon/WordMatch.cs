namespace StatsIngest.Normalize.Lexicon;

/// <summary>What a list of word classes found in a text: the meaning and the word that decided it.</summary>
public readonly record struct WordMatch<T>(T Meaning, string Word);
