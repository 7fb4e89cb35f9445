using System.Globalization;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Domain;
using StatsIngest.Normalize;

namespace StatsIngest.Report;

/// <summary>
/// Writes observations as the canonical CSV (UTF-8 with BOM so Excel opens it, provenance columns), with text cells
/// that start with = + - @ neutralised so a spreadsheet never runs them. The same columns the canonical layout reads, and
/// the observation's flags (subset, unmapped, derived, withdrawn: a withdrawn value is told from a published "…"), which it passes over.
/// </summary>
public static class CanonicalCsvExporter
{
    public static readonly string[] Columns =
    [
        "period", "region", "indicator", "industry", "basis", "measure", "value", "unit", "status",
        "indicator_name", "vintage", "vintage_time", "file_name", "sha256", "sheet", "cell", "raw_text", "flags",
    ];

    public static void Write(Stream output, IEnumerable<Observation> observations, CodeLists codes)
    {
        using var csv = SafeCsv.Begin(output, Columns);
        foreach (var o in observations)
        {
            csv.WriteField(o.Period.Code);
            csv.WriteField(o.Key.Region);
            csv.WriteField(o.Key.Indicator);
            csv.WriteField(o.Key.Industry);
            csv.WriteField(Codes.Of(o.Key.Basis));
            csv.WriteField(Codes.Of(o.Key.Measure));
            csv.WriteNumber(o.Value);

            csv.WriteField(o.Unit);
            csv.WriteField(Codes.Of(o.Status));
            csv.WriteField(codes.Indicators.NameOf(o.Key.Indicator));
            csv.WriteField(o.VintageId, string.Empty);
            csv.WriteField(o.VintageTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(o.Source.FileName);
            csv.WriteField(o.Source.Sha256);
            csv.WriteField(o.Source.Sheet);
            csv.WriteField(o.Source.Cell);
            csv.WriteField(o.Source.RawText);
            csv.WriteField(Codes.Of(o.Flags));
            csv.EndRecord();
        }
    }
}
