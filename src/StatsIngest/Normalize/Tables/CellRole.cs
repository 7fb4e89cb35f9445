namespace StatsIngest.Normalize.Tables;

/// <summary>Where a cell stands in a table, which decides how its text is read.</summary>
public enum CellRole
{
    /// <summary>A column header cell (any header row): whole-cell code-list entries, vocabulary words anywhere.</summary>
    Header,

    /// <summary>A row label of the stub: like a header, plus 其中/# subsets; a label that names nothing is kept as written.</summary>
    Stub,

    /// <summary>A title or scope line above the table: entries and words found inside a sentence.</summary>
    Title,
}
