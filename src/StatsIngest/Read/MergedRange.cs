namespace StatsIngest.Read;

/// <summary>A merged range of a sheet, 1-based and inclusive; its text is in the top-left cell.</summary>
public sealed record MergedRange(int FromRow, int FromColumn, int ToRow, int ToColumn)
{
    public bool Contains(int row, int column) =>
        row >= FromRow && row <= ToRow && column >= FromColumn && column <= ToColumn;

    public override string ToString() =>
        CellReference.ToA1(FromRow, FromColumn) + ":" + CellReference.ToA1(ToRow, ToColumn);
}
