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
    private static readonly Measure[] Measures = Enum.GetValues<Measure>();

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

        // One pass sorts out what each block reads (a pass over a long history is what the blocks would cost each).
        var gdpRows = new List<Observation>();
        var above = new List<Observation>();
        var annual = new List<Observation>(); // levels of a year, or of January to December: the tiers' and targets'
        foreach (var o in latest)
        {
            if (o.Key.Indicator == IndicatorCodes.Gdp)
            {
                gdpRows.Add(o);
            }
            else if (o.Key.Indicator == IndicatorCodes.AboveScaleValueAdded)
            {
                above.Add(o);
            }

            if (IsAnnualLevel(o.Key, o.Period))
            {
                annual.Add(o);
            }
        }

        var gdp = new List<IndicatorValue>();
        foreach (var region in gdpRows.Select(o => o.Key.Region).Distinct().Order(StringComparer.Ordinal))
        {
            var periods = gdpRows
                .Where(o => o.Key.Region == region && o.Key.Industry == SeriesKey.AllIndustries && o.Key.Basis is Basis.Year or Basis.YearToDate or Basis.Quarter)
                .Select(o => (o.Period, o.Key.Basis))
                .ToArray();
            foreach (var part in GdpPart.All)
            {
                // The headline always (saying what is missing); the other parts where their series exist.
                var own = part == GdpPart.AllIndustry
                    ? periods
                    : periods.Where(p => Measures.Any(m => index.ContainsKey((new SeriesKey(part.Indicator, region, part.Industry, p.Basis, m), p.Period)))).ToArray();
                if (own.Length > 0)
                {
                    gdp.AddRange(IndustryVsGdp.Compute(region, own, lookup, part));
                }
            }
        }

        var (trend, summaries) = ContributionTrend.BuildAll(gdp, settings.Baseline, settings.TrendSlopePeriods, settings.TrendAlertPeriods);

        var panel = above.Select(o => o.Key.Region).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(r => MonthlyPanel.Build(r, above)).ToArray();

        var driverValues = new List<DriverValue>();
        var groups = drivers?.Groups ?? DriverGroups(above.Select(ObservationVintage.Of), codes);
        foreach (var (group, present) in groups.Where(g => drivers?.Computes(g.Group) ?? true))
        {
            driverValues.AddRange(Drivers.Compute(group.Region, group.Period, group.Basis, present, lookup));
        }

        var tiers = new List<TierCount>();
        foreach (var tier in profile.Tiers.Select(t => t with { Region = t.Region ?? settings.DefaultRegion }))
        {
            var region = tier.Region!;
            var levels = annual.Where(o => o.Key.Indicator == tier.Indicator && o.Key.Region == region && o.Key.Basis == Basis.Year)
                .GroupBy(o => (o.Key.Industry, o.Period.Year)).ToDictionary(g => g.Key, g => g.Last());
            tiers.AddRange(ScaleTiers.Count(tier, levels));
        }

        var targets = profile.Targets.Select(t => t with { Region = t.Region ?? settings.DefaultRegion }).Select(t =>
        {
            var region = t.Region!;
            var levels = annual.Where(o => o.Key.Indicator == t.Indicator && o.Key.Industry == t.Industry && o.Key.Region == region)
                .GroupBy(o => o.Period.Year).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Key.Basis == Basis.Year ? 1 : 0).Last());
            return TargetEvaluator.Evaluate(t, levels, settings.CurrentYear, profile.Thresholds);
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

    /// <summary>A level of a year, or of January to December: what the tiers and targets read.</summary>
    public static bool IsAnnualLevel(SeriesKey key, ReportingPeriod period) =>
        key.Measure == Measure.Level && (key.Basis == Basis.Year || (key.Basis == Basis.YearToDate && period.EndMonth == 12));

    /// <summary>
    /// Whether a computation reads every observation of a series whatever groups of drivers it computes: every series but
    /// those of 规上工业's industries, and of those the total (the panel, the drivers' total) and the sections (the checks).
    /// Of the other series of 规上工业 it reads the levels of a year (<see cref="IsAnnualLevel"/>: the tiers, the targets),
    /// the periods of the drivers computed and the same periods a year before (<see cref="DriversRead"/>), and a flagged
    /// observation (a 其中 row) in the checks.
    /// </summary>
    public static bool AlwaysReads(SeriesKey key) =>
        key.Indicator != IndicatorCodes.AboveScaleValueAdded || key.Industry == SeriesKey.AllIndustries || ConsistencyChecks.Sections.Contains(key.Industry);

    /// <summary>The region, basis and periods of 规上工业 the drivers of the given groups read (<see cref="Drivers.Compute"/>: a group's period and the year before).</summary>
    public static HashSet<(string Region, Basis Basis, ReportingPeriod Period)> DriversRead(IEnumerable<DriverGroup> groups) =>
        groups.SelectMany(g => new[] { (g.Region, g.Basis, g.Period), (g.Region, g.Basis, g.Period.PreviousYear()) }).ToHashSet();

    /// <summary>
    /// The groups of drivers the observations give — a region, period and basis with the growth of 规上工业 and data of
    /// an industry of the code lists — each with its industries present, in the order of the observations.
    /// </summary>
    public static IReadOnlyList<(DriverGroup Group, DriverCandidate[] Present)> DriverGroups(IEnumerable<ObservationVintage> latest, CodeLists? codes)
    {
        var candidates = codes is null ? [] : codes.Industries.Entries
            .Where(e => DriverKinds.Contains(e.Kind))
            .Select(e => new DriverCandidate(e.Code, e.Name, e.Kind, e.Members))
            .ToArray();
        // One pass: the industries of 规上工业 present in each region, basis and period (sets of their numbers), and the
        // groups (a growth of the total) in the order of the observations. A series' rows come together: its industry's
        // number is found once for all of them.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var industriesPresent = new PeriodSlots<IndustrySet>();
        var found = new List<(string Region, ReportingPeriod Period, Basis Basis)>();
        var seen = new HashSet<(string, ReportingPeriod, Basis)>();
        (SeriesKey? Key, int Industry) series = (null, 0);
        foreach (var o in latest)
        {
            if (o.Key.Indicator != IndicatorCodes.AboveScaleValueAdded)
            {
                continue;
            }

            if (!ReferenceEquals(o.Key, series.Key))
            {
                series = (o.Key, numbers.GetOrAdd(o.Key.Industry, _ => numbers.Count));
            }

            (industriesPresent.Slot(o.Key.Region, o.Key.Basis, o.Period) ??= new IndustrySet()).Add(series.Industry);
            if (o.Key is { Industry: SeriesKey.AllIndustries, Measure: Measure.YoY } && o.HasValue && seen.Add((o.Key.Region, o.Period, o.Key.Basis)))
            {
                found.Add((o.Key.Region, o.Period, o.Key.Basis));
            }
        }

        var groups = new List<(DriverGroup, DriverCandidate[])>();
        // Months mostly hold the same industries: the candidates present are found once for each set of industries.
        var presentFor = new Dictionary<IndustrySet, DriverCandidate[]>();
        foreach (var (region, period, basis) in found)
        {
            var industries = industriesPresent.Get(region, basis, period)!;
            var present = presentFor.GetOrAdd(industries,
                _ => candidates.Where(c => Has(c.Code) || c.Members.Any(Has)).ToArray());
            if (present.Length > 0)
            {
                groups.Add((new DriverGroup(region, period, basis), present));
            }

            bool Has(string industry) => numbers.TryGetValue(industry, out var n) && industries.Contains(n);
        }

        return groups;
    }
}
