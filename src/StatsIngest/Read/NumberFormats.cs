using ExcelDataReader;

namespace StatsIngest.Read;

/// <summary>
/// What a workbook cell's number format does to its number as shown. A percent format shows it a hundred times larger
/// with '%' (0.058 under "0.0%" is 5.8% to whoever reads the sheet): such a cell is read as the percent shown. Only the
/// scale is taken from the format, never its rounding: 0.0123456789 under "0.00%" is 1.23456789%, not 1.23%.
/// </summary>
internal sealed class NumberFormats
{
    private readonly Dictionary<int, bool[]> _percent = [];

    /// <summary>The text of the number in column <paramref name="column"/> of the reader's row, as its format shows it (the format looked at once per sheet).</summary>
    public string Text(double value, IExcelDataReader reader, int column)
    {
        var index = reader.GetNumberFormatIndex(column);
        if (!_percent.TryGetValue(index, out var sections))
        {
            _percent[index] = sections = PercentSections(reader.GetNumberFormatString(column));
        }

        return Text(value, sections);
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
        if (format is null || !format.Contains('%', StringComparison.Ordinal))
        {
            return [.. percent];
        }

        var quoted = false;
        var bracket = false;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (quoted || bracket)
            {
                quoted &= c != '"';
                bracket &= c != ']';
                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '[':
                    bracket = true;
                    break;
                case '\\' or '_' or '*':
                    i++; // a literal character (\%), a space as wide as one (_), a fill (*)
                    break;
                case ';':
                    percent.Add(false);
                    break;
                case '%':
                    percent[^1] = true;
                    break;
            }
        }

        return [.. percent];
    }

    /// <summary>"5.8%" for 0.058: the number a hundred times larger, to the 15 digits a double holds (not 5.800000000000001).</summary>
    private static string Percent(double value)
    {
        var scaled = double.Parse((value * 100).ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        return CellValues.Text(scaled) + "%";
    }
}
