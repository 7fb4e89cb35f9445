namespace StatsIngest.Parsing;

/// <summary>The result of reading a value cell.</summary>
public readonly record struct ParsedValue(ValueKind Kind, double? Number, string? Error)
{
    public static ParsedValue Missing { get; } = new(ValueKind.Missing, null, null);

    public static ParsedValue Of(double number) => new(ValueKind.Number, number, null);

    public static ParsedValue PercentagePoints(double number) => new(ValueKind.PercentagePoints, number, null);

    public static ParsedValue Invalid(string error) => new(ValueKind.Invalid, null, error);

    public bool IsValid => Kind != ValueKind.Invalid;
}
