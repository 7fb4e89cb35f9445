using StatsIngest.Messages;
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

    /// <summary>The years a period may have (Limits:MinYear, Limits:MaxYear).</summary>
    public (int Min, int Max) Years { get; init; } = (1949, 2200);

    /// <summary>"1900 is outside the years 1949–2027 a period may have (Limits:MinYear, Limits:MaxYear)", or null for a year within them.</summary>
    public Msg? YearOutside(int year) =>
        year >= Years.Min && year <= Years.Max ? null
            : Msg.Of("The year {year} is outside the years {min}–{max} a period may have (Limits:MinYear, Limits:MaxYear).", ("year", year), ("min", Years.Min), ("max", Years.Max));
}
