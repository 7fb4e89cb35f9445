using System.Text.Json;
using System.Text.RegularExpressions;
using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>
/// Every word list the table reader uses, from <c>config/codelists/vocabulary.json</c>: measures, index bases, bases,
/// skip reasons, statuses, note and subset markers, stub headers, section and title words, monthly indicators and the
/// canonical table's column names. Loaded and checked at start; one home for each word.
/// </summary>
public sealed class Vocabulary
{
    public const string FileName = "vocabulary.json";

    public required WordList<Measure> Measures { get; init; }

    public required IReadOnlyList<string> IndexWords { get; init; }

    public required IReadOnlyList<IndexBase> IndexBases { get; init; }

    /// <summary>A fixed-base index (1978=100): not a growth rate.</summary>
    public required Regex FixedBase { get; init; }

    public required WordList<Basis> Bases { get; init; }

    public required WordList<SkipClass> Skips { get; init; }

    public required WordList<ObservationStatus> Statuses { get; init; }

    public required IReadOnlyList<string> NoteStarts { get; init; }

    public required IReadOnlyList<string> NoteBlockStarts { get; init; }

    public required IReadOnlyList<string> SubsetMarkers { get; init; }

    public required WordList<StubKind> StubHeaders { get; init; }

    public required WordList<StubKind> Sections { get; init; }

    public required WordList<StubKind> Titles { get; init; }

    /// <summary>Indicator code → the indicator a monthly figure of it is (全部工业增加值 monthly is 规模以上).</summary>
    public required IReadOnlyDictionary<string, string> MonthlyIndicators { get; init; }

    public required IReadOnlyDictionary<CanonicalColumn, IReadOnlyList<string>> TidyColumns { get; init; }

    /// <summary>Connecting words and signs that carry no meaning of their own once the other words are read (比, 及, _ …).</summary>
    public required IReadOnlyList<string> Fillers { get; init; }

    /// <summary>How a value cell reads: numbers, growth in words, missing markers (the "values" words).</summary>
    public required ValueParser Values { get; init; }

    /// <summary>Every word (not the whole-cell codes) of the measure, index, basis, skip and status lists, longest first.</summary>
    public IReadOnlyList<string> AllWords => _allWords ??= Measures.Classes.SelectMany(c => c.Words)
        .Concat(Bases.Classes.SelectMany(c => c.Words)).Concat(Skips.Classes.SelectMany(c => c.Words))
        .Concat(Statuses.Classes.SelectMany(c => c.Words)).Concat(IndexWords).Concat(IndexBases.SelectMany(b => b.Texts))
        .Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length).ToArray();

    private IReadOnlyList<string>? _allWords;

    /// <summary>"注：…", "附注", "数据来源：…", "1.本表…": a note of the file, not a data row.</summary>
    /// <remarks>Asked of every row of a table: a loop, no delegate or enumerator made per call.</remarks>
    public bool IsNote(string folded)
    {
        for (var i = 0; i < NoteStarts.Count; i++)
        {
            var n = NoteStarts[i];
            if (folded.StartsWith(n, StringComparison.OrdinalIgnoreCase) && (n.Length > 1 || folded.Length == 1 || folded[1] is ':' or '：' or '1' or '①'))
            {
                return true;
            }
        }

        return folded.Length > 2 && char.IsAsciiDigit(folded[0]) && folded[1] is '.' or '、';
    }

    /// <summary>A note after which every row is a note (附注, 注：).</summary>
    public bool StartsNoteBlock(string folded)
    {
        for (var i = 0; i < NoteBlockStarts.Count; i++)
        {
            var b = NoteBlockStarts[i];
            if (b.Length > 1 ? folded.StartsWith(b, StringComparison.Ordinal) : folded == b)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"其中：高技术制造业", "#制造业" → the name and true.</summary>
    public (string Name, bool Subset) StripSubset(string folded)
    {
        foreach (var prefix in SubsetMarkers)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
            {
                return (folded[prefix.Length..].TrimStart(':'), true);
            }
        }

        return (folded, false);
    }

    /// <summary>The canonical column a header names ("数值（亿元）" is 数值), or null.</summary>
    public CanonicalColumn? TidyColumn(string? text)
    {
        var s = Label.Fold(text);
        var i = s.IndexOf('(', StringComparison.Ordinal);
        var key = Label.Key(i > 0 && s.EndsWith(')') ? s[..i] : s);
        foreach (var (column, names) in TidyColumns)
        {
            if (names.Contains(key))
            {
                return column;
            }
        }

        return null;
    }

    public static Vocabulary Load(string directory) => VocabularyFile.Read(Path.Combine(directory, FileName));
}
