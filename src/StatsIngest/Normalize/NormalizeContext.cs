using StatsIngest.Normalize.Lexicon;

namespace StatsIngest.Normalize;

/// <summary>
/// What reading a file needs besides the file: the lexicon (code lists, vocabulary, units), the file's identity (for
/// provenance), the default region, the error budget, and the configured rule for the file's source when one matches.
/// </summary>
public sealed record NormalizeContext(TableLexicon Lexicon, string FileName, string Sha256, string DefaultRegion)
{
    public CodeLists Codes => Lexicon.Codes;

    public ErrorBudget Budget { get; init; } = ErrorBudget.Default;

    public SourceRule? Rule { get; init; }
}
