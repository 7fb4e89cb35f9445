using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using StatsIngest.Domain;

namespace StatsIngest.Report;

/// <summary>
/// The monthly series as seasonal-adjustment tools read them (JDemetra+'s spreadsheet and text providers, X-13 front
/// ends, R's <c>ts</c>): one column per series with its key in the header (<c>IVA_ABOVE.全国._T.M.YOY</c>), the first
/// column the month as an ISO date (the first day of the month), one row per calendar month from the earliest to the
/// latest month of any series — a month a series lacks is an empty cell, never a row left out. Latest vintages.
/// </summary>
public sealed class SeriesTable
{
    public const string DateHeader = "date";

    private SeriesTable(IReadOnlyList<SeriesKey> keys, IReadOnlyList<DateOnly> months, double?[,] values)
    {
        Keys = keys;
        Months = months;
        Values = values;
    }

    public IReadOnlyList<SeriesKey> Keys { get; }

    public IReadOnlyList<DateOnly> Months { get; }

    /// <summary>[month, series]; null where the series has no value for the month.</summary>
    public double?[,] Values { get; }

    /// <summary>The monthly observations (当月 and 累计 alike: each its own series) laid out by month and series key.</summary>
    public static SeriesTable From(IEnumerable<Observation> observations)
    {
        var monthly = observations.Where(o => o.Period.Kind == PeriodKind.Month).ToArray();
        var keys = monthly.Select(o => o.Key).Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return new SeriesTable([], [], new double?[0, 0]);
        }

        var first = monthly.Min(o => new DateOnly(o.Period.Year, o.Period.Number, 1));
        var last = monthly.Max(o => new DateOnly(o.Period.Year, o.Period.Number, 1));
        var months = new List<DateOnly>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        var column = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var values = new double?[months.Count, keys.Length];
        foreach (var o in monthly)
        {
            var row = ((o.Period.Year - first.Year) * 12) + o.Period.Number - first.Month;
            values[row, column[o.Key]] = o.Value;
        }

        return new SeriesTable(keys, months, values);
    }

    /// <summary>CSV, UTF-8 without a byte-order mark (a Java reader would keep it in the first header), invariant numbers.</summary>
    public void WriteCsv(Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape });
        csv.WriteHeader([DateHeader, .. Keys.Select(k => k.ToString())]);
        for (var r = 0; r < Months.Count; r++)
        {
            csv.WriteField(Months[r].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            for (var c = 0; c < Keys.Count; c++)
            {
                csv.WriteNumber(Values[r, c]);
            }

            csv.EndRecord();
        }
    }

    /// <summary>The same table as one sheet: dates as date cells, values as numbers.</summary>
    public void WriteXlsx(string path)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("series");
        ws.Cell(1, 1).SetValue(DateHeader);
        for (var c = 0; c < Keys.Count; c++)
        {
            ws.Cell(1, c + 2).SetValue(Keys[c].ToString());
        }

        for (var r = 0; r < Months.Count; r++)
        {
            var date = ws.Cell(r + 2, 1);
            date.SetValue(Months[r].ToDateTime(TimeOnly.MinValue));
            date.Style.DateFormat.Format = "yyyy-mm-dd";
            for (var c = 0; c < Keys.Count; c++)
            {
                if (Values[r, c] is { } v)
                {
                    ws.Cell(r + 2, c + 2).SetValue(v);
                }
            }
        }

        ws.Column(1).Width = 12;
        ws.SheetView.FreezeRows(1);
        wb.SaveAs(path);
    }
}
