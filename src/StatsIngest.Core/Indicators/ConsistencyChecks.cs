using System.Globalization;
using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>A part-vs-total check: expected, found, the tolerance, and whether it held. One that did not is a warning, never a correction.</summary>
public sealed record ConsistencyResult(
    string Check,
    string Region,
    ReportingPeriod Period,
    Basis Basis,
    double Expected,
    double Found,
    double Tolerance,
    string Message,
    IReadOnlyList<Observation> Inputs)
{
    public double Difference => Found - Expected;

    public bool Passed => Math.Abs(Difference) <= Tolerance + 1e-9;
}

/// <summary>
/// Parts against totals (domain.md §1: NBS does not force totals to add up; check with the rounding tolerance, warn,
/// never fail): the three sectors against GDP; sections B+C+D against the industry total; a 其中/# subset not above
/// its total; the sectors' contributions summing to 100 and their pulls to GDP growth.
/// </summary>
public static class ConsistencyChecks
{
    /// <summary>The sections of GB/T 4754 whose levels sum to the total of industry (采矿业, 制造业, 电力、热力、燃气及水生产和供应业).</summary>
    public static readonly IReadOnlyList<string> Sections = ["B", "C", "D"];

    /// <summary>Computed contributions come from rounded inputs: their sum may miss 100 by this much (pp).</summary>
    public const double ContributionSumTolerancePp = 2;

    /// <summary>The sectors' pulls may miss GDP growth by this much (pp).</summary>
    public const double PullSumTolerancePp = 0.3;

    /// <summary>
    /// Whether the checks of observations alone (no computed values) look at this one: the levels of totals, of their
    /// parts (the sections, the three sectors) and of 其中 rows. <see cref="RunAll(IReadOnlyList{Observation}, IReadOnlyList{IndicatorValue}?)"/>
    /// over these finds what it finds over all of a file's observations: a caller streaming a file keeps only these.
    /// </summary>
    public static bool LooksAt(Observation o) =>
        o.Key.Measure == Measure.Level
        && (o.Key.Industry == SeriesKey.AllIndustries || o.Flags.HasFlag(ObservationFlags.Subset) || Parts.Contains(o.Key.Industry));

    /// <summary>The industries whose levels are parts a total is checked against: the sections and the three sectors.</summary>
    private static readonly HashSet<string> Parts = [.. Sections, .. GdpPart.Sectors.Select(s => s.Industry)];

    /// <summary>The checks that did not hold: warnings.</summary>
    public static IReadOnlyList<ConsistencyResult> Run(IReadOnlyList<Observation> observations, IReadOnlyList<IndicatorValue>? computed = null) =>
        RunAll(observations, computed).Where(r => !r.Passed).ToArray();

    /// <summary>Every check that could be made, passed or not.</summary>
    public static IReadOnlyList<ConsistencyResult> RunAll(IReadOnlyList<Observation> observations, IReadOnlyList<IndicatorValue>? computed = null) =>
        RunAll(ObservationIndex.Of(observations.Where(o => o.Value is not null)), computed);

    /// <summary>Every check that could be made, passed or not, from a computation's own index (<see cref="ObservationIndex.Of"/>): a missing value counts as absent.</summary>
    public static IReadOnlyList<ConsistencyResult> RunAll(IReadOnlyDictionary<(SeriesKey Key, ReportingPeriod Period), Observation> index, IReadOnlyList<IndicatorValue>? computed = null)
    {
        var warnings = new List<ConsistencyResult>(); // every check made; the failed ones are the warnings
        Observation? Find(SeriesKey key, ReportingPeriod period) => index.GetValueOrDefault((key, period)) is { Value: not null } o ? o : null;
        var levels = index.Values.Where(o => o.Key.Measure == Measure.Level && o.Value is not null).ToArray();

        foreach (var total in levels.Where(o => o.Key.Industry == SeriesKey.AllIndustries))
        {
            Observation? Part(string industry) => Find(total.Key with { Industry = industry }, total.Period);

            if (total.Key.Indicator == IndicatorCodes.Gdp)
            {
                SumCheck(warnings, "sectors-sum-to-gdp", "第一、二、三产业之和 (SEC1+SEC2+SEC3) vs 生产总值", total, [.. GdpPart.Sectors.Select(s => Part(s.Industry))]);
            }
            else
            {
                SumCheck(warnings, "sections-sum-to-total", "采矿业+制造业+电力等 (B+C+D) vs 合计", total, [.. Sections.Select(Part)]);
            }
        }

        foreach (var subset in levels.Where(o => o.Flags.HasFlag(ObservationFlags.Subset)))
        {
            var total = Find(subset.Key with { Industry = SeriesKey.AllIndustries }, subset.Period);
            if (total is not null)
            {
                // Expected: at most the total. Found above it by more than rounding fails the check.
                var tolerance = HalfUnit(subset) + HalfUnit(total);
                var above = subset.Value!.Value > total.Value!.Value + tolerance;
                warnings.Add(new ConsistencyResult("subset-above-total", subset.Key.Region, subset.Period, subset.Key.Basis, total.Value!.Value,
                    above ? subset.Value.Value : Math.Min(subset.Value.Value, total.Value.Value), above ? tolerance : double.PositiveInfinity,
                    above
                        ? string.Create(CultureInfo.InvariantCulture, $"其中 row {subset.Key.Industry} ({subset.Value}) is larger than its total {total.Key} ({total.Value}) in {subset.Period.Code}")
                        : string.Create(CultureInfo.InvariantCulture, $"其中 row {subset.Key.Industry} ({subset.Value}) is within its total ({total.Value}) in {subset.Period.Code}"),
                    [subset, total]));
            }
        }

        if (computed is not null)
        {
            foreach (var group in computed.Where(v => GdpPart.Sectors.Any(s => s.Code == v.Part) && v.Value is not null)
                         .GroupBy(v => (v.Indicator, v.Region, v.Period, v.Basis)))
            {
                if (group.Count() != 3)
                {
                    continue;
                }

                var sum = group.Sum(v => v.Value!.Value);
                var inputs = group.SelectMany(v => v.Inputs).Distinct().ToArray();
                if (group.Key.Indicator == IndicatorCodes.ContributionRate)
                {
                    warnings.Add(new ConsistencyResult("sector-contributions-sum-to-100", group.Key.Region, group.Key.Period, group.Key.Basis, 100, sum, ContributionSumTolerancePp,
                        string.Create(CultureInfo.InvariantCulture, $"the three sectors' contributions add up to {sum:0.0}% (expected 100% ± {ContributionSumTolerancePp} pp)"), inputs));
                }

                var gdpGrowth = Find(new SeriesKey(IndicatorCodes.Gdp, group.Key.Region, SeriesKey.AllIndustries, group.Key.Basis, Measure.YoY), group.Key.Period)?.Value;
                if (group.Key.Indicator == IndicatorCodes.Pull && gdpGrowth is { } g)
                {
                    warnings.Add(new ConsistencyResult("sector-pulls-sum-to-gdp-growth", group.Key.Region, group.Key.Period, group.Key.Basis, g, sum, PullSumTolerancePp,
                        string.Create(CultureInfo.InvariantCulture, $"the three sectors' pulls add up to {sum:0.00} pp, GDP grew {g}% (±{PullSumTolerancePp} pp)"), inputs));
                }
            }
        }

        return warnings;
    }

    /// <summary>Half a unit of the last digit published, in the stored unit: "1234.5" → 0.05.</summary>
    public static double HalfUnit(Observation o)
    {
        var raw = o.Source.RawText.Trim().TrimEnd('%');
        var dot = raw.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : raw.Length - dot - 1;
        return 0.5 * Math.Pow(10, -decimals) * o.UnitFactor;
    }

    private static void SumCheck(List<ConsistencyResult> warnings, string check, string what, Observation total, Observation?[] parts)
    {
        if (parts.Any(p => p?.Value is null))
        {
            return;
        }

        var sum = parts.Sum(p => p!.Value!.Value);
        var tolerance = parts.Sum(p => HalfUnit(p!)) + HalfUnit(total);
        warnings.Add(new ConsistencyResult(check, total.Key.Region, total.Period, total.Key.Basis, total.Value!.Value, sum, tolerance,
            string.Create(CultureInfo.InvariantCulture,
                $"{what}: the parts add up to {sum:0.####}, the total is {total.Value.Value:0.####} (difference {sum - total.Value.Value:0.####}, rounding tolerance ±{tolerance:0.####}) — {total.Key.Indicator} {total.Period.Code}"),
            [.. parts.Select(p => p!), total]));
    }
}
