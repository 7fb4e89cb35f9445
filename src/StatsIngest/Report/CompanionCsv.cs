using System.Globalization;

namespace StatsIngest.Report;

/// <summary>
/// The main table of each sheet as CSV beside the workbook (<c>…_csv/&lt;sheet&gt;.csv</c>): UTF-8 with BOM, numbers
/// in full precision with the invariant culture, text starting with = + - @ neutralised.
/// </summary>
internal static class CompanionCsv
{
    public static void Write(string directory, IEnumerable<TableSheet> tables, TimeProvider clock)
    {
        Directory.CreateDirectory(directory);
        foreach (var table in tables)
        {
            AtomicFile.Write(Path.Combine(directory, table.SheetName + ".csv"), temp =>
            {
                using var stream = File.Create(temp);
                using var csv = SafeCsv.Begin(stream, table.Headers.ToArray());
                foreach (var row in table.Rows)
                {
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case double d:
                                csv.WriteNumber(d);
                                break;
                            case long or int:
                                csv.WriteNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                                break;
                            default:
                                csv.WriteField(value switch
                                {
                                    null => string.Empty,
                                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                                    _ => value.ToString() ?? string.Empty,
                                });
                                break;
                        }
                    }

                    csv.EndRecord();
                }
            }, clock);
        }
    }
}
