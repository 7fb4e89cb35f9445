namespace StatsIngest.Parsing;

/// <summary>The result of reading a value cell.</summary>
public readonly record struct ParsedValue(ValueKind Kind, double? Number, string? Error)
{
    public static ParsedValue Missing { get; } = new(ValueKind.Missing, null, null);

    public static ParsedValue Of(double number) => new(ValueKind.Number, number, null);

    public static ParsedValue PercentagePoints(double number) => new(ValueKind.PercentagePoints, number, null);

    public static ParsedValue Invalid(string error) => new(ValueKind.Invalid, null, error);

    /// <summary>An Excel error value (#DIV/0!, #N/A …): missing, with the error kept to be warned about.</summary>
    public static ParsedValue ExcelError(string error) => new(ValueKind.Missing, null, null) { ExcelErrorValue = error };

    /// <summary>The Excel error value the cell held, when it held one.</summary>
    public string? ExcelErrorValue { get; init; }

    /// <summary>A formula ('=…') where a value was expected: not read (its value was never computed, or never written).</summary>
    public static ParsedValue UncomputedFormula(string formula) => new(ValueKind.Invalid, null, formula) { Formula = formula };

    /// <summary>Whether the number was written with a percent sign ("5.8%", "下降2.1%").</summary>
    public bool Percent { get; init; }

    /// <summary>The footnote mark written after the number ("①", "*", "（注1）"), left out of it; null when there was none.</summary>
    public string? Footnote { get; init; }

    /// <summary>The formula the cell held instead of a value, when it held one.</summary>
    public string? Formula { get; init; }

    public bool IsValid => Kind != ValueKind.Invalid;
}
