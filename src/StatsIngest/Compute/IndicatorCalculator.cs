using StatsIngest.Collections;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Normalize;

namespace StatsIngest.Compute;

/// <summary>What the calculator needs besides the observations.</summary>
public sealed record IndicatorSettings(double Baseline, int TrendSlopePeriods, int TrendAlertPeriods, string DefaultRegion, int CurrentYear)
{
    public static IndicatorSettings Default(int currentYear) => new(32.3, 5, 3, "全国", currentYear);
}

/// <summary>Runs the domain formulas over the latest vintage of the store (or the vintage known at an as-of date).</summary>
public static class IndicatorCalculator
{
    private static readonly string[] DriverKinds = ["section", "division", "group"];

    /// <param name="latest">The observations.</param>
    /// <param name="settings">What the calculator needs besides them.</param>
    /// <param name="codes">The code lists (the industries whose drivers are computed).</param>
    /// <param name="profile">The targets and tiers.</param>
    /// <param name="drivers">The groups of drivers to compute (<see cref="DriverPlan"/>, made from the same observations); null for all.</param>
    /// <param name="index">The observations by series and period (<see cref="ObservationIndex.Of"/> of the same observations), when several computations share one; null to make it.</param>
    public static IndicatorSet Compute(IReadOnlyList<Observation> latest, IndicatorSettings settings, CodeLists? codes, TargetProfile profile, DriverPlan? drivers = null,
        Dictionary<(SeriesKey Key, ReportingPeriod Period), Observation>? index = null)
    {
        index ??= ObservationIndex.Of(latest);
        ObservationLookup lookup = (key, period) => index.GetValueOrDefault((key, period));

        var gdp = new List<IndicatorValue>();
        foreach (var region in latest.Where(o => o.Key.Indicator == IndicatorCodes.Gdp).Select(o => o.Key.Region).Distinct().Order(StringComparer.Ordinal))
        {
            var periods = latest
                .Where(o => o.Key.Indicator == IndicatorCodes.Gdp && o.Key.Region == region && o.Key.Industry == SeriesKey.AllIndustries
                            && o.Key.Basis is Basis.Year or Basis.YearToDate or Basis.Quarter)
                .Select(o => (o.Period, o.Key.Basis))
                .ToArray();
            foreach (var part in GdpPart.All)
            {
                // The headline always (saying what is missing); the other parts where their series exist.
                var own = part == GdpPart.AllIndustry
                    ? periods
                    : periods.Where(p => latest.Any(o => o.Key.Indicator == part.Indicator && o.Key.Region == region && o.Key.Industry == part.Industry
                                                         && o.Key.Basis == p.Basis && o.Period == p.Period)).ToArray();
                if (own.Length > 0)
                {
                    gdp.AddRange(IndustryVsGdp.Compute(region, own, lookup, part));
                }
            }
        }

        var (trend, summaries) = ContributionTrend.BuildAll(gdp, settings.Baseline, settings.TrendSlopePeriods, settings.TrendAlertPeriods);

        var above = latest.Where(o => o.Key.Indicator == IndicatorCodes.AboveScaleValueAdded).ToArray();
        var panel = above.Select(o => o.Key.Region).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(r => MonthlyPanel.Build(r, above)).ToArray();

        var driverValues = new List<DriverValue>();
        var groups = drivers?.Groups ?? DriverGroups(above, codes);
        foreach (var (group, present) in groups.Where(g => drivers?.Computes(g.Group) ?? true))
        {
            driverValues.AddRange(Drivers.Compute(group.Region, group.Period, group.Basis, present, lookup));
        }

        var tiers = new List<TierCount>();
        foreach (var tier in profile.Tiers.Select(t => t with { Region = t.Region ?? settings.DefaultRegion }))
        {
            var region = tier.Region!;
            var annual = latest.Where(o => o.Key.Indicator == tier.Indicator && o.Key.Region == region && o.Key.Basis == Basis.Year && o.Key.Measure == Measure.Level)
                .GroupBy(o => (o.Key.Industry, o.Period.Year)).ToDictionary(g => g.Key, g => g.Last());
            tiers.AddRange(ScaleTiers.Count(tier, annual));
        }

        var targets = profile.Targets.Select(t => t with { Region = t.Region ?? settings.DefaultRegion }).Select(t =>
        {
            var region = t.Region!;
            var annual = latest.Where(o => o.Key.Indicator == t.Indicator && o.Key.Industry == t.Industry && o.Key.Region == region
                                           && o.Key.Measure == Measure.Level && (o.Key.Basis == Basis.Year || (o.Key.Basis == Basis.YearToDate && o.Period.EndMonth == 12)))
                .GroupBy(o => o.Period.Year).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Key.Basis == Basis.Year ? 1 : 0).Last());
            return TargetEvaluator.Evaluate(t, annual, settings.CurrentYear, profile.Thresholds);
        }).ToArray();

        var checks = ConsistencyChecks.RunAll(index, gdp);
        var set = new IndicatorSet(gdp, trend, settings.Baseline)
        {
            TrendSummaries = summaries,
            Panel = panel,
            Drivers = driverValues,
            EveryDriver = drivers is null || groups.All(g => drivers.Computes(g.Group)),
            Tiers = tiers,
            Targets = targets,
            Checks = checks,
        };
        return set with { Records = IndicatorRecords.Flatten(set) };
    }

    /// <summary>
    /// The groups of drivers the observations give — a region, period and basis with the growth of 规上工业 and data of
    /// an industry of the code lists — each with its industries present, in the order of the observations.
    /// </summary>
    public static IReadOnlyList<(DriverGroup Group, DriverCandidate[] Present)> DriverGroups(IReadOnlyList<Observation> latest, CodeLists? codes)
    {
        var above = latest.Where(o => o.Key.Indicator == IndicatorCodes.AboveScaleValueAdded).ToArray();
        var candidates = codes is null ? [] : codes.Industries.Entries
            .Where(e => DriverKinds.Contains(e.Kind))
            .Select(e => new DriverCandidate(e.Code, e.Name, e.Kind, e.Members))
            .ToArray();
        var industriesPresent = new ByRegion<(ReportingPeriod, Basis), HashSet<string>>();
        foreach (var o in above)
        {
            ref var industries = ref industriesPresent.Slot(o.Key.Region, (o.Period, o.Key.Basis));
            (industries ??= new HashSet<string>(StringComparer.Ordinal)).Add(o.Key.Industry);
        }

        var groups = new List<(DriverGroup, DriverCandidate[])>();
        foreach (var (region, period, basis) in above
                     .Where(o => o.Key.Industry == SeriesKey.AllIndustries && o.Key.Measure == Measure.YoY && o.Value is not null)
                     .Select(o => (o.Key.Region, o.Period, o.Key.Basis)).Distinct())
        {
            var industries = industriesPresent.Get(region, (period, basis))!;
            var present = candidates.Where(c => industries.Contains(c.Code) || c.Members.Any(industries.Contains)).ToArray();
            if (present.Length > 0)
            {
                groups.Add((new DriverGroup(region, period, basis), present));
            }
        }

        return groups;
    }
}
