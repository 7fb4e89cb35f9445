namespace StatsIngest.Normalize.Tables;

/// <summary>A body row: its role, its label as published, its stub cells and what the row says with its section and parent.</summary>
public sealed record RowReading(int Row, RowRole Role, string Label, IReadOnlyList<HeaderCell> Stub, PathFacts Facts);
