using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Tests.Indicators;

/// <summary>Observations made up for exact tests of the formulas.</summary>
internal static class Synthetic
{
    public static Observation Obs(string indicator, string industry, ReportingPeriod period, Basis basis, Measure measure, double? value, long vintage = 1, string region = "全国") =>
        new(new SeriesKey(indicator, region, industry, basis, measure), period, value, measure == Measure.Level ? "亿元" : "%",
            value is null ? ObservationStatus.Missing : ObservationStatus.Normal,
            new Provenance("synthetic.csv", "00", "CSV", "A1", value?.ToString("R", CultureInfo.InvariantCulture) ?? "…"))
        { VintageId = vintage };

    public static Observation Year(string indicator, string industry, int year, Measure measure, double? value, long vintage = 1) =>
        Obs(indicator, industry, ReportingPeriod.ForYear(year), Basis.Year, measure, value, vintage);

    public static ObservationLookup Lookup(params Observation[] observations)
    {
        var index = observations.ToDictionary(o => (o.Key, o.Period));
        return (k, p) => index.GetValueOrDefault((k, p));
    }
}
