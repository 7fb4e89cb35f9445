using StatsIngest.Domain;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>The base of an index as tables write it (上年=100): the index's measure and the growth derived from it (value − 100).</summary>
public sealed record IndexBase(Measure Measure, Measure? Derives, IReadOnlyList<string> Texts);
