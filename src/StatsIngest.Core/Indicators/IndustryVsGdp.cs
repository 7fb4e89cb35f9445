using System.Globalization;
using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// A part of GDP (all industry by default; manufacturing; the three sectors) against GDP for one region:
/// contribution rate, pull and share for every period in which GDP growth is published (annual, or quarterly year to
/// date). A missing input yields a value with <see cref="IndicatorValue.NotComputable"/> saying what is needed.
/// </summary>
public static class IndustryVsGdp
{
    public static IReadOnlyList<IndicatorValue> Compute(
        string region,
        IEnumerable<(ReportingPeriod Period, Basis Basis)> periods,
        ObservationLookup lookup,
        GdpPart? part = null)
    {
        part ??= GdpPart.AllIndustry;
        var results = new List<IndicatorValue>();
        foreach (var (period, basis) in periods.Distinct().Order())
        {
            results.Add(Contribution(region, period, basis, lookup, part, pull: false) with { Part = part.Code });
            results.Add(Contribution(region, period, basis, lookup, part, pull: true) with { Part = part.Code });
            results.Add(Share(region, period, basis, lookup, part) with { Part = part.Code });
        }

        return results;
    }

    private static IndicatorValue Contribution(string region, ReportingPeriod period, Basis basis, ObservationLookup lookup, GdpPart part, bool pull)
    {
        var code = pull ? IndicatorCodes.Pull : IndicatorCodes.ContributionRate;
        var unit = pull ? "百分点" : "%";
        var prev = period.PreviousYear();
        var needed = new List<(string Label, SeriesKey Key, ReportingPeriod Period)>
        {
            (Describe($"{part.Name} level", prev), Key(region, part.Indicator, part.Industry, basis, Measure.Level), prev),
            (Describe($"{part.Name} growth", period), Key(region, part.Indicator, part.Industry, basis, Measure.YoY), period),
            (Describe("GDP level", prev), Key(region, IndicatorCodes.Gdp, SeriesKey.AllIndustries, basis, Measure.Level), prev),
        };
        if (!pull)
        {
            needed.Add((Describe("GDP growth", period), Key(region, IndicatorCodes.Gdp, SeriesKey.AllIndustries, basis, Measure.YoY), period));
        }

        var (inputs, missing) = Gather(needed, lookup);
        if (missing.Count > 0)
        {
            return new IndicatorValue(code, region, period, basis, null, unit, "not computable: needs " + string.Join(", ", missing), inputs);
        }

        double? value = pull
            ? IndustryGdpFormulas.Pull(inputs[0].Value!.Value, inputs[1].Value!.Value, inputs[2].Value!.Value)
            : IndustryGdpFormulas.ContributionRate(inputs[0].Value!.Value, inputs[1].Value!.Value, inputs[2].Value!.Value, inputs[3].Value!.Value);
        var why = value is null
            ? (pull ? "not computable: the previous year's GDP level is 0" : "not computable: GDP growth is 0, so there is no growth to contribute to")
            : null;
        return new IndicatorValue(code, region, period, basis, value, unit, why, inputs);
    }

    private static IndicatorValue Share(string region, ReportingPeriod period, Basis basis, ObservationLookup lookup, GdpPart part)
    {
        var (inputs, missing) = Gather(
        [
            (Describe($"{part.Name} level", period), Key(region, part.Indicator, part.Industry, basis, Measure.Level), period),
            (Describe("GDP level", period), Key(region, IndicatorCodes.Gdp, SeriesKey.AllIndustries, basis, Measure.Level), period),
        ], lookup);
        if (missing.Count > 0)
        {
            return new IndicatorValue(IndicatorCodes.Share, region, period, basis, null, "%", "not computable: needs " + string.Join(", ", missing), inputs);
        }

        var value = IndustryGdpFormulas.Share(inputs[0].Value!.Value, inputs[1].Value!.Value);
        return new IndicatorValue(IndicatorCodes.Share, region, period, basis, value, "%",
            value is null ? "not computable: GDP level is 0" : null, inputs);
    }

    private static (List<Observation> Inputs, List<string> Missing) Gather(
        IEnumerable<(string Label, SeriesKey Key, ReportingPeriod Period)> needed, ObservationLookup lookup)
    {
        var inputs = new List<Observation>();
        var missing = new List<string>();
        foreach (var (label, key, period) in needed)
        {
            var o = lookup(key, period);
            if (o?.Value is null)
            {
                missing.Add(label);
            }
            else
            {
                inputs.Add(o);
            }
        }

        return (inputs, missing);
    }

    private static SeriesKey Key(string region, string indicator, string industry, Basis basis, Measure measure) =>
        new(indicator, region, industry, basis, measure);

    private static string Describe(string what, ReportingPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {period.Code}");
}
