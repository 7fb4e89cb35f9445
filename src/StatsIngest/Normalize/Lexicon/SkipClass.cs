namespace StatsIngest.Normalize.Lexicon;

/// <summary>Why a column or row is not stored (a change in percentage points, a rank …); some only when no growth word is present.</summary>
public sealed record SkipClass(string Reason, bool UnlessGrowth);
