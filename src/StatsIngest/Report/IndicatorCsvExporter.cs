using StatsIngest.Indicators;

namespace StatsIngest.Report;

/// <summary>
/// Writes computed indicators as CSV (UTF-8 with BOM, formula-like text neutralised): one row per value with its
/// block, what it is, the vintages of its inputs and the inputs themselves (series, period, value, vintage, cell).
/// </summary>
public static class IndicatorCsvExporter
{
    public static readonly string[] Columns =
        ["block", "indicator", "region", "subject", "period", "basis", "value", "unit", "note", "input_vintages", "inputs"];

    public static void Write(Stream output, IEnumerable<IndicatorRecord> records)
    {
        using var csv = SafeCsv.Begin(output, Columns);
        foreach (var r in records)
        {
            WriteIdentity(csv, r.Block, r.Indicator, r.Region, r.Subject, r.Period, r.Basis);
            csv.WriteNumber(r.Value);
            csv.WriteField(r.Unit);
            csv.WriteField(r.Note ?? string.Empty);
            csv.WriteField(string.Join(' ', r.InputVintages));
            csv.WriteField(string.Join("; ", r.Inputs.Select(i =>
                $"{i.Key} {i.Period.Code} = {i.Value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} (vintage {i.VintageId}, {i.Source})")));
            csv.EndRecord();
        }
    }

    public static void WriteRevisions(Stream output, IEnumerable<Store.StoredRevision> revisions)
    {
        using var csv = SafeCsv.Begin(output, ["computed_at", "latest_vintage", "block", "indicator", "region", "subject", "period", "basis",
            "previous_value", "new_value", "previous_vintages", "new_vintages", "revised_inputs"]);
        foreach (var r in revisions)
        {
            csv.WriteField(r.ComputedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(r.LatestVintage?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            WriteIdentity(csv, r.Block, r.Indicator, r.Region, r.Subject, r.Period, r.Basis);
            csv.WriteNumber(r.PreviousValue);
            csv.WriteNumber(r.NewValue);
            csv.WriteField(r.PreviousVintages);
            csv.WriteField(r.NewVintages);
            csv.WriteField(r.RevisedInputs.Replace('\n', ';'));
            csv.EndRecord();
        }
    }

    /// <summary>What a computed value is (block, indicator, region, subject, period, basis): the same six columns in both exports.</summary>
    private static void WriteIdentity(CsvHelper.CsvWriter csv, params string[] fields)
    {
        foreach (var f in fields)
        {
            csv.WriteField(f);
        }
    }
}
