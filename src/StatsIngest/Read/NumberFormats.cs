using System.Globalization;
using ExcelDataReader;

namespace StatsIngest.Read;

/// <summary>
/// What a workbook cell's number format does to its value as shown. A percent format shows a number a hundred times
/// larger with '%' (0.058 under "0.0%" is 5.8% to whoever reads the sheet): such a cell is read as the percent shown;
/// a comma after the last digit placeholder shows it a thousand times smaller (1234567 under "#,##0," is 1,235, read
/// as 1234.567), a point written into its digits shifts them (<c>0!.0000</c>: 元 shown as 万元); only the scale is
/// taken from the format, never its rounding (0.0123456789 under "0.00%" is 1.23456789%). A date shown as a month or a
/// year (what Excel and WPS make of "2023年3月" typed into a cell: a date under <c>yyyy"年"m"月"</c>) is read as that
/// period, "2023-03" or "2023"; a month shown without its year as "3月" (the year a date holds then is the one it was
/// typed in, not one the sheet shows).
/// </summary>
internal sealed class NumberFormats
{
    private readonly Dictionary<int, Shown> _formats = [];

    /// <summary>How a date is shown: as a date (or a time), a month, a month without its year, a year.</summary>
    public enum DateShown
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
        return Text(value, _formats.TryGetValue(index, out var format) ? format : _formats[index] = Of(reader.GetNumberFormatString(column)));
    }

    /// <summary>The text of a number or date under the format of id <paramref name="index"/>, whose code is <paramref name="code"/>.</summary>
    public string Text(object value, int index, string? code) =>
        Text(value, _formats.TryGetValue(index, out var format) ? format : _formats[index] = Of(code));

    private static string Text(object value, Shown format) =>
        value switch
        {
            double number => Text(number, format.Scales),
            DateTime date => Text(date, format.Date),
            _ => CellValues.Text(value),
        };

    /// <summary>Whether a format shows a number as a date or a time: its first section has date or time codes (y, m, d, h, s).</summary>
    public static bool IsDate(string? format) => Live(format).Any(t => t.Section == 0 && "ymdhsYMDHS".Contains(t.C, StringComparison.Ordinal));

    /// <summary>What a format does to a number and a date as shown.</summary>
    public static Shown Of(string? format) => new(Scales(format), Dates(format));

    /// <summary>The text of a number under a format whose sections scale it so (<see cref="Scales"/>).</summary>
    public static string Text(double value, Scale[] scales)
    {
        var (percent, thousands, shifted, zeros) = scales[value < 0 && scales.Length > 1 ? 1 : value == 0 && scales.Length > 2 ? 2 : 0];
        if (!percent && thousands == 0 && shifted == 0)
        {
            return WithZeros(CellValues.Text(value), zeros);
        }

        // To the 15 digits a double holds: 0.058 × 100 is 5.8, not 5.800000000000001.
        var shown = value * (percent ? 100 : 1) / Math.Pow(1000, thousands) / Math.Pow(10, shifted);
        var text = WithZeros(CellValues.Text(double.Parse(shown.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)), zeros);
        return percent ? text + "%" : text;
    }

    /// <summary>
    /// A number's decimals with the zeros its format writes after them ("2023.1" under "0.00" is the 2023.10 shown: a
    /// period typed so), never rounded; a whole number stays whole (a year under "0.00" is the year).
    /// </summary>
    private static string WithZeros(string text, int zeros)
    {
        if (zeros == 0)
        {
            return text;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = text.Length - point - 1;
        return point < 0 || decimals >= zeros || text.Contains('E', StringComparison.Ordinal) ? text : text + new string('0', zeros - decimals);
    }

    /// <summary>
    /// How each section of a format (positive;negative;zero;text) scales a number as shown: a '%' not quoted, escaped or
    /// bracketed shows it ×100; each comma after the last digit placeholder ("#,##0,", "0.0,,") shows it ÷1000; each
    /// digit placeholder after a point written as a literal ("0!.0000") shows it ÷10. Each '0' after the point is a
    /// decimal always written.
    /// </summary>
    internal static Scale[] Scales(string? format)
    {
        var scales = new List<Scale>();
        var (percent, thousands, shifted, zeros) = (false, 0, 0, 0);
        var (digits, commas, point) = (false, 0, ' '); // commas after a digit placeholder scale unless another follows
        foreach (var (section, c) in Live(format))
        {
            if (section > scales.Count)
            {
                Close(); // its ';'
                continue;
            }

            switch (c)
            {
                case '0' or '#' or '?':
                    (digits, commas) = (true, 0);
                    shifted += point == LiteralPoint ? 1 : 0;
                    zeros += point != ' ' && c == '0' ? 1 : 0;
                    break;
                case ',' when digits:
                    commas++;
                    break;
                case '.' or LiteralPoint when digits && point == ' ':
                    (thousands, commas, point) = (thousands + commas, 0, c);
                    break;
                default:
                    (percent, thousands, commas) = (percent || c == '%', thousands + commas, 0);
                    break;
            }
        }

        Close();
        return [.. scales];

        void Close()
        {
            scales.Add(new Scale(percent, thousands + commas, shifted, zeros));
            (percent, thousands, shifted, zeros, digits, commas, point) = (false, 0, 0, 0, false, 0, ' ');
        }
    }

    /// <summary>What a format does as shown: how each section scales a number, how a date is shown.</summary>
    public readonly record struct Shown(Scale[] Scales, DateShown Date);

    /// <summary>
    /// How a format's section scales a number as shown: ×100 with '%', ÷1000 for each scaling comma, ÷10 for each digit
    /// after a literal point (<c>0!.0000</c> shows 元 as 万元: the trick of writing a point into the digits); the decimals it
    /// always writes (<see cref="Zeros"/>: two under "0.00").
    /// </summary>
    public readonly record struct Scale(bool Percent, int Thousands, int Shifted = 0, int Zeros = 0);

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

    /// <summary>The characters of a format that are codes, by section (each after the first begun by its ';'): not quoted, escaped (\x), a space's width (_x), a fill (*x) or bracketed ([Red], [$-804]).</summary>
    private static IEnumerable<(int Section, char C)> Live(string? format)
    {
        var section = 0;
        for (var i = 0; format is not null && i < format.Length; i++)
        {
            switch (format[i])
            {
                case '"':
                    var open = i;
                    i = End(format, i, '"');
                    if (i == open + 2 && format[open + 1] == '.')
                    {
                        yield return (section, LiteralPoint); // 0"."0000
                    }

                    break;
                case '[':
                    i = End(format, i, ']');
                    break;
                case '\\' or '!' when i + 1 < format.Length && format[i + 1] == '.':
                    yield return (section, LiteralPoint); // 0!.0000, 0\.0000
                    i++;
                    break;
                case '\\' or '!' or '_' or '*':
                    i++;
                    break;
                case ';':
                    yield return (++section, ';'); // the next section begins, even one of literal text only
                    break;
                default:
                    yield return (section, format[i]);
                    break;
            }
        }
    }

    /// <summary>A point written as a literal ("!.", "\\.", "\".\""), not the decimal point: the digits after it are shown as decimals.</summary>
    private const char LiteralPoint = '\u0001';

    private static int End(string format, int open, char close)
    {
        var end = format.IndexOf(close, open + 1);
        return end < 0 ? format.Length : end;
    }

    /// <summary>The text of a date shown so: "2023-03" for a month, "2023" for a year, "3月" for a month without its year, the date otherwise.</summary>
    public static string Text(DateTime date, DateShown shown) => shown switch
    {
        DateShown.Month => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateShown.Year => date.ToString("yyyy", CultureInfo.InvariantCulture),
        DateShown.MonthOnly => date.Month.ToString(CultureInfo.InvariantCulture) + "月",
        _ => CellValues.Text(date),
    };

}
