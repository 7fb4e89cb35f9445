using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// A scale tier of the plan: how many members of a universe (the plan's sectors, or its industries) reach a
/// threshold (10000亿元 = 万亿, 1000亿元 = 千亿) by a target year.
/// </summary>
public sealed record TierDefinition(string Id, string Name, string Indicator, double Threshold, IReadOnlyList<string> Universe, int TargetCount, int TargetYear)
{
    public string? Region { get; init; }
}

/// <summary>One year of a tier: the members at or above the threshold, those below, and those without data.</summary>
public sealed record TierCount(
    TierDefinition Tier,
    int Year,
    IReadOnlyList<string> AtOrAbove,
    IReadOnlyList<string> Below,
    IReadOnlyList<string> NoData,
    IReadOnlyList<Observation> Inputs)
{
    public int Count => AtOrAbove.Count;

    /// <summary>How many more members must reach the threshold by the target year.</summary>
    public int Gap => Math.Max(0, Tier.TargetCount - Count);

    public IReadOnlyList<long> InputVintages => Indicators.InputVintages.Of(Inputs);
}

public static class ScaleTiers
{
    /// <param name="tier">The tier.</param>
    /// <param name="annual">The annual levels of the tier's indicator by member code and year.</param>
    public static IReadOnlyList<TierCount> Count(TierDefinition tier, IReadOnlyDictionary<(string Member, int Year), Observation> annual)
    {
        var years = annual.Keys.Where(k => tier.Universe.Contains(k.Member)).Select(k => k.Year).Distinct().Order();
        var result = new List<TierCount>();
        foreach (var year in years)
        {
            var above = new List<string>();
            var below = new List<string>();
            var none = new List<string>();
            var inputs = new List<Observation>();
            foreach (var member in tier.Universe)
            {
                if (annual.TryGetValue((member, year), out var o) && o.Value is { } v)
                {
                    inputs.Add(o);
                    (v >= tier.Threshold ? above : below).Add(member);
                }
                else
                {
                    none.Add(member);
                }
            }

            result.Add(new TierCount(tier, year, above, below, none, inputs));
        }

        return result;
    }
}
