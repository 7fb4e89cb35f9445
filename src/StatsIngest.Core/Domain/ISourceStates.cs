namespace StatsIngest.Domain;

/// <summary>
/// What a collection source remembers between runs, per item (a period, or a file of a folder): validators for
/// conditional requests, the content hash, the outcome. Kept by the store (table <c>source_state</c>).
/// </summary>
public interface ISourceStates
{
    SourceItemState? Get(string source, string item);

    IReadOnlyList<SourceItemState> All(string? source = null);

    void Put(SourceItemState state);
}
