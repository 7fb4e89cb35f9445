using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>Something a reader noticed and worked around (a character removed, an encoding guessed), located where it can be.</summary>
public sealed record ReadWarning(Msg Message, string? Sheet = null, int? Row = null, int? Column = null, string? Found = null);
