using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// What every header, stub and title cell of one table was understood to name, before any value is read: the
/// title's facts, the unit rows, the kind of each stub column, each data column's header path and each body row's
/// stub path. Profiles are chosen on it; <see cref="TableReader"/> turns it into observations; <c>validate --explain</c>
/// prints it.
/// </summary>
public sealed record TableInterpretation(
    TableGeometry Geometry,
    IReadOnlyList<HeaderCell> Title,
    PathFacts TitleFacts,
    IReadOnlyList<(string Unit, RawCell Cell)> DeclaredUnits,
    IReadOnlyList<HeaderCell> StubHeaders,
    IReadOnlyList<(int Column, StubKind Kind, string Why)> StubKinds,
    IReadOnlyList<ColumnReading> Columns,
    IReadOnlyList<RowReading> Rows)
{
    /// <summary>The title lines joined, folded (unit rows left out): where indicator, region and vintage are named.</summary>
    public string TitleText => string.Join(" ", Title.Select(t => t.Text));

    /// <summary>The period the title gives, with its cell: the first with a year, else the first.</summary>
    public HeaderCell? TitlePeriodCell =>
        Title.FirstOrDefault(t => t.Facts.Period is { Year: not null }) ?? Title.FirstOrDefault(t => t.Facts.Period is not null);

    /// <summary>The column the row labels are read from for reports: the first stub column of names (not codes or units).</summary>
    public int LabelColumn => StubKinds.FirstOrDefault(k => k.Kind is not (StubKind.Code or StubKind.Unit)).Column is var c && c > 0 ? c : Geometry.LabelColumn;

    public IEnumerable<RowReading> DataRows => Rows.Where(r => r.Role == RowRole.Data);

    public string StubHeaderText => string.Join(" ", StubHeaders.Where(h => h.Column == LabelColumn).Select(h => h.Text));

    public static string Fold(string text) => Label.Fold(text);
}
