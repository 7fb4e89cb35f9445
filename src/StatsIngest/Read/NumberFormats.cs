using System.Globalization;
using ExcelDataReader;

namespace StatsIngest.Read;

/// <summary>
/// What a workbook cell's number format does to its value as shown. A percent format shows a number a hundred times
/// larger with '%' (0.058 under "0.0%" is 5.8% to whoever reads the sheet): such a cell is read as the percent shown;
/// only the scale is taken from the format, never its rounding (0.0123456789 under "0.00%" is 1.23456789%). A date
/// shown as a month or a year (what Excel and WPS make of "2023年3月" typed into a cell: a date under
/// <c>yyyy"年"m"月"</c>) is read as that period, "2023-03" or "2023"; a month shown without its year as "3月" (the year a
/// date holds then is the one it was typed in, not one the sheet shows).
/// </summary>
internal sealed class NumberFormats
{
    private readonly Dictionary<int, (bool[] Percent, DateShown Date)> _formats = [];

    /// <summary>How a date is shown: as a date (or a time), a month, a month without its year, a year.</summary>
    internal enum DateShown
    {
        Date,
        Month,
        MonthOnly,
        Year,
    }

    /// <summary>The text of the number or date in column <paramref name="column"/> of the reader's row, as its format shows it (each format looked at once per sheet).</summary>
    public string Text(object value, IExcelDataReader reader, int column)
    {
        var index = reader.GetNumberFormatIndex(column);
        if (!_formats.TryGetValue(index, out var format))
        {
            var text = reader.GetNumberFormatString(column);
            _formats[index] = format = (PercentSections(text), Dates(text));
        }

        return value switch
        {
            double number => Text(number, format.Percent),
            DateTime date => Text(date, format.Date),
            _ => CellValues.Text(value),
        };
    }

    /// <summary>The text of a number under a format whose sections are <paramref name="percent"/> (<see cref="PercentSections"/>).</summary>
    public static string Text(double value, bool[] percent)
    {
        var section = value < 0 && percent.Length > 1 ? 1 : value == 0 && percent.Length > 2 ? 2 : 0;
        return percent[section] ? Percent(value) : CellValues.Text(value);
    }

    /// <summary>For each section of a format (positive;negative;zero;text), whether it shows a number as a percent: a '%' not quoted, escaped or bracketed.</summary>
    internal static bool[] PercentSections(string? format)
    {
        var percent = new List<bool> { false };
        foreach (var (section, c) in Live(format))
        {
            if (section == percent.Count)
            {
                percent.Add(false);
            }

            percent[section] |= c == '%';
        }

        return [.. percent];
    }

    /// <summary>How the first section of a date format shows a date: by its codes (y, m, d, h, s, AM/PM), not its literal text.</summary>
    internal static DateShown Dates(string? format)
    {
        var codes = Live(format).Where(t => t.Section == 0).Select(t => char.ToLowerInvariant(t.C)).ToHashSet();
        return codes.Overlaps("dhsae") ? DateShown.Date // a day, a time, AM/PM, an era year: shown as a date
            : codes.Contains('y') && codes.Contains('m') ? DateShown.Month
            : codes.Contains('m') ? DateShown.MonthOnly
            : codes.Contains('y') ? DateShown.Year
            : DateShown.Date;
    }

    /// <summary>The characters of a format that are codes, by section: not quoted, escaped (\x), a space's width (_x), a fill (*x) or bracketed ([Red], [$-804]).</summary>
    private static IEnumerable<(int Section, char C)> Live(string? format)
    {
        var section = 0;
        for (var i = 0; format is not null && i < format.Length; i++)
        {
            switch (format[i])
            {
                case '"':
                    i = End(format, i, '"');
                    break;
                case '[':
                    i = End(format, i, ']');
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case ';':
                    section++;
                    break;
                default:
                    yield return (section, format[i]);
                    break;
            }
        }
    }

    private static int End(string format, int open, char close)
    {
        var end = format.IndexOf(close, open + 1);
        return end < 0 ? format.Length : end;
    }

    private static string Text(DateTime date, DateShown shown) => shown switch
    {
        DateShown.Month => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateShown.Year => date.ToString("yyyy", CultureInfo.InvariantCulture),
        DateShown.MonthOnly => date.Month.ToString(CultureInfo.InvariantCulture) + "月",
        _ => CellValues.Text(date),
    };

    /// <summary>"5.8%" for 0.058: the number a hundred times larger, to the 15 digits a double holds (not 5.800000000000001).</summary>
    private static string Percent(double value)
    {
        var scaled = double.Parse((value * 100).ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return CellValues.Text(scaled) + "%";
    }
}
