using System.Globalization;
using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>A candidate driver of industrial growth: an industry code, its name and kind (section, division, group …) and, for groups, its members.</summary>
public sealed record DriverCandidate(string Code, string Name, string Kind, IReadOnlyList<string> Members);

/// <summary>
/// One industry's (or group's) part in the growth of 规模以上工业增加值: weight <c>w_j</c> (its share of the total
/// level in the same period of the previous year), growth <c>g_j</c>, contribution <c>c_j = w_j × g_j / g_total × 100</c>
/// (%) and pull <c>p_j = w_j × g_j</c> (pp), its rank among its kind — or why it can't be computed.
/// </summary>
public sealed record DriverValue(
    string Region,
    ReportingPeriod Period,
    Basis Basis,
    string Code,
    string Name,
    string Kind,
    double? Weight,
    double? Growth,
    double? Contribution,
    double? Pull,
    string? NotComputable,
    IReadOnlyList<Observation> Inputs)
{
    /// <summary>1 for the largest contribution among the computable drivers of the same kind; null when not computable.</summary>
    public int? Rank { get; init; }

    /// <summary>True when the value is the sum of its members' contributions (a group without levels of its own).</summary>
    public bool FromMembers { get; init; }

    public IReadOnlyList<long> InputVintages => Indicators.InputVintages.Of(Inputs);
}

/// <summary>The drivers of industrial growth (domain.md §2): contributions and pulls of sections, divisions and groups to 规上工业 growth.</summary>
public static class Drivers
{
    public static IReadOnlyList<DriverValue> Compute(
        string region, ReportingPeriod period, Basis basis, IEnumerable<DriverCandidate> candidates, ObservationLookup lookup)
    {
        var prev = period.PreviousYear();
        var totalGrowth = lookup(Key(region, SeriesKey.AllIndustries, basis, Measure.YoY), period);
        var totalLevel = lookup(Key(region, SeriesKey.AllIndustries, basis, Measure.Level), prev);
        var byCode = new Dictionary<string, DriverValue>(StringComparer.Ordinal);
        var list = candidates.ToArray();

        foreach (var c in list.Where(c => c.Members.Count == 0 || HasOwnData(region, c.Code, period, basis, lookup)))
        {
            byCode[c.Code] = One(region, period, basis, c, totalGrowth, totalLevel, lookup);
        }

        foreach (var group in list.Where(c => !byCode.ContainsKey(c.Code)))
        {
            var members = group.Members.Select(m => byCode.GetValueOrDefault(m) ?? One(region, period, basis, new DriverCandidate(m, m, "division", []), totalGrowth, totalLevel, lookup)).ToArray();
            var missing = members.Where(m => m.Contribution is null && m.Pull is null).Select(m => m.Code).ToArray();
            byCode[group.Code] = missing.Length > 0
                ? new DriverValue(region, period, basis, group.Code, group.Name, group.Kind, null, null, null, null,
                    $"not computable: needs levels ({prev.Code}) and growth ({period.Code}) for its members {string.Join(", ", missing)}", members.SelectMany(m => m.Inputs).ToArray())
                : new DriverValue(region, period, basis, group.Code, group.Name, group.Kind,
                    members.Sum(m => m.Weight ?? 0), null,
                    members.All(m => m.Contribution is not null) ? members.Sum(m => m.Contribution!.Value) : null,
                    members.Sum(m => m.Pull ?? 0),
                    members.All(m => m.Contribution is not null) ? null : "contribution not computable: 规上工业 growth is 0",
                    // One instance per observation (the lookup's): the totals every member shares, named once.
                    members.SelectMany(m => m.Inputs).Distinct(ReferenceEqualityComparer.Instance).Cast<Observation>().ToArray()) { FromMembers = true };
        }

        var ranked = new List<DriverValue>();
        foreach (var kind in byCode.Values.GroupBy(d => d.Kind))
        {
            var rank = 0;
            foreach (var d in kind.OrderByDescending(d => d.Contribution ?? double.NegativeInfinity).ThenBy(d => d.Code, StringComparer.Ordinal))
            {
                ranked.Add(d.Contribution is null ? d : d with { Rank = ++rank });
            }
        }

        return ranked.OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Rank ?? int.MaxValue).ThenBy(d => d.Code, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The observations that have a value, in their order.</summary>
    private static Observation[] Known(params ReadOnlySpan<Observation?> observations)
    {
        var known = new List<Observation>(observations.Length);
        foreach (var o in observations)
        {
            if (o?.Value is not null)
            {
                known.Add(o);
            }
        }

        return known.ToArray();
    }

    private static bool HasOwnData(string region, string code, ReportingPeriod period, Basis basis, ObservationLookup lookup) =>
        lookup(Key(region, code, basis, Measure.YoY), period)?.Value is not null;

    private static DriverValue One(string region, ReportingPeriod period, Basis basis, DriverCandidate c, Observation? totalGrowth, Observation? totalLevel, ObservationLookup lookup)
    {
        var prev = period.PreviousYear();
        var level = lookup(Key(region, c.Code, basis, Measure.Level), prev);
        var growth = lookup(Key(region, c.Code, basis, Measure.YoY), period);
        var inputs = Known(level, growth, totalLevel, totalGrowth);
        var missing = new List<string>();
        if (level?.Value is null)
        {
            missing.Add(string.Create(CultureInfo.InvariantCulture, $"the level of {c.Code} in {prev.Code}"));
        }

        if (totalLevel?.Value is null)
        {
            missing.Add(string.Create(CultureInfo.InvariantCulture, $"the level of 规上工业 in {prev.Code}"));
        }

        if (growth?.Value is null)
        {
            missing.Add(string.Create(CultureInfo.InvariantCulture, $"the growth of {c.Code} in {period.Code}"));
        }

        if (missing.Count > 0 || totalLevel!.Value == 0)
        {
            return new DriverValue(region, period, basis, c.Code, c.Name, c.Kind, null, growth?.Value, null, null,
                missing.Count > 0 ? "not computable: needs " + string.Join(", ", missing) : "not computable: the previous year's 规上工业 level is 0", inputs);
        }

        var weight = level!.Value!.Value / totalLevel.Value!.Value;
        var pull = IndustryGdpFormulas.PartPull(weight, growth!.Value!.Value);
        var contribution = totalGrowth?.Value is { } g ? IndustryGdpFormulas.PartContribution(weight, growth.Value.Value, g) : null;
        var why = totalGrowth?.Value is null
            ? string.Create(CultureInfo.InvariantCulture, $"contribution not computable: needs the growth of 规上工业 in {period.Code}")
            : contribution is null ? "contribution not computable: 规上工业 growth is 0" : null;
        return new DriverValue(region, period, basis, c.Code, c.Name, c.Kind, weight, growth.Value, contribution, pull, why, inputs);
    }

    private static SeriesKey Key(string region, string industry, Basis basis, Measure measure) =>
        new(IndicatorCodes.AboveScaleValueAdded, region, industry, basis, measure);
}
