using StatsIngest.Messages;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>A problem found in a file, located (sheet, row, column) with the text found and what was expected, in plain words.</summary>
public sealed record Problem(ProblemSeverity Severity, Msg Text, string? Sheet = null, int? Row = null, int? Column = null, string? Found = null)
{
    public static Problem Error(Msg message, string? sheet = null, int? row = null, int? column = null, string? found = null) =>
        new(ProblemSeverity.Error, message, sheet, row, column, found);

    public static Problem Warning(Msg message, string? sheet = null, int? row = null, int? column = null, string? found = null) =>
        new(ProblemSeverity.Warning, message, sheet, row, column, found);

    /// <summary>
    /// The problems in the order a reader meets them in the file: those of the file as a whole first, then sheet by sheet
    /// (in the order the sheets first appear), row by row, column by column; as found where they share a place. The
    /// reader finds a row's problems in the order it checks its fields, not in the order of its columns.
    /// </summary>
    public static IReadOnlyList<Problem> ByPlace(IEnumerable<Problem> problems)
    {
        var list = problems.ToArray();
        var sheets = list.Select(p => p.Sheet).OfType<string>().Distinct(StringComparer.Ordinal).Select((name, i) => (name, i))
            .ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        return list.OrderBy(p => p.Sheet is null ? -1 : sheets[p.Sheet]).ThenBy(p => p.Row ?? 0).ThenBy(p => p.Column ?? 0).ToArray();
    }

    /// <summary>The message in English, without its location.</summary>
    public string Message => Text.ToString();

    /// <summary>Where the problem is, in English: "sheet 'X', row 3, column B (cell B3)".</summary>
    public string Location => Where()?.ToString() ?? string.Empty;

    private Msg? Where()
    {
        var column = Column is { } c ? CellReference.ColumnLetters(c) : null;
        var cell = Row is { } r && Column is { } k ? CellReference.ToA1(r, k) : null;
        // One template per kind of place, so that each language writes a place as one (Chinese joins no parts with 、).
        return (Sheet, Row, column) switch
        {
            ({ }, { }, { }) => Msg.Of("sheet '{sheet}', row {row}, column {column} (cell {cell})", ("sheet", Sheet), ("row", Row), ("column", column), ("cell", cell)),
            ({ }, { }, null) => Msg.Of("sheet '{sheet}', row {row}", ("sheet", Sheet), ("row", Row)),
            ({ }, null, { }) => Msg.Of("sheet '{sheet}', column {column}", ("sheet", Sheet), ("column", column)),
            (null, { }, { }) => Msg.Of("row {row}, column {column} (cell {cell})", ("row", Row), ("column", column), ("cell", cell)),
            ({ }, null, null) => Msg.Of("sheet '{sheet}'", ("sheet", Sheet)),
            (null, { }, null) => Msg.Of("row {row}", ("row", Row)),
            (null, null, { }) => Msg.Of("column {column}", ("column", column)),
            _ => null,
        };
    }

    /// <summary>The whole problem as one message: where, what, and the text found (cut at 300 characters).</summary>
    public Msg ToMsg()
    {
        var where = Where();
        var found = Found is null ? null
            : Found.Length <= 300 ? Msg.Of(" Found: '{found}'.", ("found", Found))
            : Msg.Of(" Found: '{found}… ({more} more characters)'.", ("found", Found[..300]), ("more", Found.Length - 300));
        return (where, found) switch
        {
            (null, null) => Text,
            (null, { }) => Msg.Of("{message}{found}", ("message", Text), ("found", found)),
            ({ }, null) => Msg.Of("{where}: {message}", ("where", where), ("message", Text)),
            _ => Msg.Of("{where}: {message}{found}", ("where", where), ("message", Text), ("found", found)),
        };
    }

    public override string ToString() => ToMsg().ToString();
}
