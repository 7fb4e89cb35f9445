using System.Globalization;
using System.Text;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>A problem found in a file, located (sheet, row, column) with the text found and what was expected, in plain words.</summary>
public sealed record Problem(ProblemSeverity Severity, string Message, string? Sheet = null, int? Row = null, int? Column = null, string? Found = null)
{
    public static Problem Error(string message, string? sheet = null, int? row = null, int? column = null, string? found = null) =>
        new(ProblemSeverity.Error, message, sheet, row, column, found);

    public static Problem Warning(string message, string? sheet = null, int? row = null, int? column = null, string? found = null) =>
        new(ProblemSeverity.Warning, message, sheet, row, column, found);

    public string Location
    {
        get
        {
            var sb = new StringBuilder();
            if (Sheet is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"sheet '{Sheet}'");
            }

            if (Row is not null)
            {
                sb.Append(sb.Length > 0 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"row {Row}");
            }

            if (Column is not null)
            {
                sb.Append(sb.Length > 0 ? ", " : string.Empty)
                  .Append(CultureInfo.InvariantCulture, $"column {CellReference.ColumnLetters(Column.Value)}");
                if (Row is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" (cell {CellReference.ToA1(Row.Value, Column.Value)})");
                }
            }

            return sb.ToString();
        }
    }

    public override string ToString()
    {
        var where = Location;
        var found = Found is null ? string.Empty : $" Found: '{(Found.Length <= 300 ? Found : string.Concat(Found.AsSpan(0, 300), $"… ({Found.Length - 300} more characters)"))}'.";
        return (where.Length > 0 ? where + ": " : string.Empty) + Message + found;
    }
}
