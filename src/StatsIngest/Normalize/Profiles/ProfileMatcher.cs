using StatsIngest.Domain;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Tables;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Profiles;

/// <summary>
/// Tests the profiles' features on what a table's cells were understood to name. The fitting profiles of the highest
/// specificity are returned together: when they read the table differently the caller reports the tie as ambiguous.
/// </summary>
public sealed class ProfileMatcher(ProfileCatalog catalog, TableLexicon lexicon)
{
    private readonly EntityFinder _entities = new(lexicon.Codes);

    public IReadOnlyList<ProfileMatch> Matches(TableInterpretation table) => catalog.Profiles.Select(p => Match(p, table)).ToArray();

    /// <summary>The fitting profiles of the highest specificity; the generic profile when none fits.</summary>
    public IReadOnlyList<ProfileMatch> Best(IReadOnlyList<ProfileMatch> matches)
    {
        var fitting = matches.Where(m => m.Fits).ToArray();
        if (fitting.Length == 0)
        {
            return [new ProfileMatch(Profile.Generic, ["its cells"], [])];
        }

        var top = fitting.Max(m => m.Profile.Specificity);
        return fitting.Where(m => m.Profile.Specificity == top).ToArray();
    }

    public ProfileMatch Match(Profile profile, TableInterpretation table)
    {
        var found = new List<string>();
        var missing = new List<string>();
        foreach (var f in profile.Features)
        {
            (f.AnyOf.Any(t => Holds(t, table)) ? found : missing).Add(f.What);
        }

        return new ProfileMatch(profile, found, missing);
    }

    private bool Holds(ProfileTest test, TableInterpretation t) => test.Kind switch
    {
        ProfileTestKind.TitleWords => test.Values.Any(w => t.TitleText.Contains(Label.Fold(w), StringComparison.Ordinal)),
        ProfileTestKind.TitlePeriod => t.TitlePeriodCell?.Facts.Period is { } p && (!test.Values.Contains("year") || p.IsWholeYear),
        ProfileTestKind.StubHeader => t.StubHeaders.Any(h => lexicon.Words.StubHeaders.Whole(h.Text) is not null),
        ProfileTestKind.ColumnPeriods => t.Columns.Count(c => ColumnPeriod(c, test.Values)) >= test.Min,
        ProfileTestKind.ColumnBases => t.Columns.Any(c => c.Facts.Basis is { } b && test.Values.Contains(Codes.Of(b))),
        ProfileTestKind.ColumnMeasure => t.Columns.Any(c => (c.Facts.Measure ?? c.Facts.MeasureFromUnit) is not null),
        ProfileTestKind.DeclaredUnit => t.DeclaredUnits.Count > 0,
        ProfileTestKind.RowIndicators => RowCount(t, f => f.Indicator is { } i && test.Values.Contains(i)) >= test.Min,
        ProfileTestKind.RowSectors => RowCount(t, f => (f.Industry ?? f.Indicator) is { } c && test.Values.Contains(c)) >= test.Min,
        ProfileTestKind.RowIndustries => RowCount(t, f => (f.Industry is { } i && (test.Values.Count == 0 || test.Values.Contains(i))) || (f.IsTotal && test.Values.Count == 0)) >= test.Min,
        ProfileTestKind.RowIndicatorMeasure => RowCount(t, f => f.Indicator is not null && f.Measure is not null && !f.MeasureFromUnit) >= test.Min,
        ProfileTestKind.HeaderIndicators => _entities.IndicatorInText(t.TitleText + string.Concat(t.Columns.SelectMany(c => c.Path).Select(p => p.Text))) is { } e
                                            && test.Values.Contains(e.Entry.Code),
        _ => false,
    };

    private static bool ColumnPeriod(ColumnReading c, IReadOnlyList<string> kinds) =>
        c.Path.Select(p => p.Facts.Period).OfType<ParsedPeriod>().Any(p =>
            (kinds.Contains("months") && p.MonthWording) || (kinds.Contains("withYear") && p.Year is not null) || (kinds.Contains("years") && p.IsWholeYear));

    /// <summary>Rows whose own label (not its section or parent) passes the test, unmapped labels left out.</summary>
    private static int RowCount(TableInterpretation t, Func<CellFacts, bool> test) =>
        t.DataRows.Count(r => r.Stub.Any(s => !s.Facts.Unmapped && test(s.Facts)));
}
