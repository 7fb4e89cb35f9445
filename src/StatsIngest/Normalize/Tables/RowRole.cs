namespace StatsIngest.Normalize.Tables;

/// <summary>What a body row is: a row of data, a section heading (分行业, 主要产品产量), or a note (注：…).</summary>
public enum RowRole
{
    Data,
    Section,
    Note,
}
