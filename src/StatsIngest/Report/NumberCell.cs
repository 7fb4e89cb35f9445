namespace StatsIngest.Report;

/// <summary>A numeric cell with its Excel number format; when the value is null the placeholder text is shown instead (e.g. "—").</summary>
internal sealed record NumberCell(double? Value, string Format, string? Placeholder = "—")
{
    public const string Percent = "0.0";
    public const string Points = "0.00";
    public const string Money = "#,##0.00";
    public const string General = "General";

    /// <summary>The format that suits a unit: 0.0 for %, 0.00 for percentage points, #,##0.00 for 亿元/万元.</summary>
    public static NumberCell ForUnit(double? value, string unit) => new(value, unit switch
    {
        "%" => Percent,
        "百分点" or "pp" => Points,
        "亿元" or "万元" or "元" => Money,
        _ => General,
    });
}
