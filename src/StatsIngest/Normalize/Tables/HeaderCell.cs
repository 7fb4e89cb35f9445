namespace StatsIngest.Normalize.Tables;

/// <summary>A header, stub or title cell and what it was understood to name.</summary>
public sealed record HeaderCell(int Row, int Column, string Text, CellFacts Facts)
{
    public string Reference => Read.CellReference.ToA1(Row, Column);
}
