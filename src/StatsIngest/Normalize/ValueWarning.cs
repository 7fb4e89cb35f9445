using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize;

/// <summary>What a value cell read as missing, or not read, says beyond the usual (one home for the words, whichever reader found it).</summary>
public static class ValueWarning
{
    /// <summary>The error for a formula where a value was expected, or null for any other value.</summary>
    public static Msg? Formula(ParsedValue value) => value.Formula is { } formula ? FormulaNotComputed(formula) : null;

    /// <summary>The error for a cell that is no value: a formula never computed (<see cref="Formula"/>), or text that is not a number nor a missing marker.</summary>
    public static Msg NotAValue(ParsedValue value) => Formula(value) ?? Msg.Of(
        "Expected a number (1234.5, -2.1, '下降2.1%', '增长1.37倍') or a missing marker (…, —, x, blank; an office's own marker is added to values.missing in config/codelists/vocabulary.json).");

    /// <summary>Whether a message is the error for a formula never computed (<see cref="Formula"/>).</summary>
    public static bool IsFormula(Msg message) => message.Template == FormulaNotComputed(string.Empty).Template;

    private static Msg FormulaNotComputed(string formula) =>
        Msg.Of("This cell holds the formula {formula} but not its value: the file was written by a program that does not calculate formulas. Open it in Excel, WPS or LibreOffice and save it again, so each formula's value is stored with it.", ("formula", formula));

    /// <summary>
    /// The error for a percent ("5.8%") where levels in a unit that is not % are expected: a growth rate or a share read
    /// as so many 亿元 is no level (a table whose column was taken for levels, a canonical row whose measure says level).
    /// </summary>
    public static Msg? PercentAsLevel(ParsedValue value, Measure measure, string unit) =>
        value.Percent && measure == Measure.Level && unit.Length > 0 && unit != "%"
            ? Msg.Of("This cell is a percent, but it is read as a level in {unit}; a growth rate or a share is not a level. Check the column's header or the row's measure.", ("unit", unit))
            : null;

    /// <summary>The warning for a value, or null when there is nothing to say.</summary>
    public static Msg? For(ParsedValue value) => value switch
    {
        { ExcelErrorValue: { } error } => Msg.Of("This cell holds the Excel error value {error} (its formula failed where the table was made); it is stored as missing.", ("error", error)),
        { Footnote: { } mark, Number: { } number } => Msg.Of("The mark '{mark}' after the number {number} is taken as a footnote mark and left out of the value.",
            ("mark", mark), ("number", number.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        _ => null,
    };
}
