namespace StatsIngest.Normalize.Lexicon;

/// <summary>A unit of <c>units.json</c>: its dimension (money, mass …) and its scale within it (万元 = 10000 元).</summary>
public sealed record UnitDefinition(string Unit, string Dimension, double Scale);
