using StatsIngest.Messages;

namespace StatsIngest.Normalize.Tables;

/// <summary>A data column: its header cells top to bottom and what they say together.</summary>
public sealed record ColumnReading(int Column, IReadOnlyList<HeaderCell> Path, PathFacts Facts)
{
    public string HeaderText => string.Join(" / ", Path.Select(p => p.Text));

    /// <summary>Why the column is not read at all (a rank, a share … or a header that names nothing known), or null.</summary>
    public Msg? NotRead { get; init; }
}
