using CsvHelper;

namespace StatsIngest.Report;

/// <summary>
/// The CSV files StatsIngest writes: UTF-8 with a BOM (so Excel and WPS read the Chinese text), a header row, and
/// text cells starting with = + - @ neutralised so a spreadsheet never runs them.
/// </summary>
internal static class SafeCsv
{
    public static CsvWriter Begin(Stream output, string[] headers)
    {
        output.Write([0xEF, 0xBB, 0xBF]);
        var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(headers);
        return csv;
    }

    /// <summary>
    /// A number in full precision with the invariant culture (written as a number, so a negative value is not taken
    /// for formula text and escaped); an empty field when missing.
    /// </summary>
    public static void WriteNumber(this CsvWriter csv, double? value)
    {
        if (value is { } v)
        {
            csv.WriteField(v, "R");
        }
        else
        {
            csv.WriteField(string.Empty);
        }
    }
}
