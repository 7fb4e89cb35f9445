namespace StatsIngest.Read;

/// <summary>A non-empty cell as read: 1-based row and column, its text, and its typed value (double, string, DateTime, bool) where the format has types.</summary>
public sealed record RawCell(int Row, int Column, string Text, object? Value)
{
    public string Reference => CellReference.ToA1(Row, Column);
}
