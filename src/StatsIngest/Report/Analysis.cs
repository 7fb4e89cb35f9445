using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Report;

/// <summary>
/// The analysis paragraph written from the computed indicators with the templates of config/report/analysis.json: the
/// latest growth of 规上工业 (当月 and 累计) and its change; industry's contribution and pull against the baseline, its
/// moving average, trend and alert; the largest contributors and the industries that fell; targets and tiers; what the
/// latest data revised. Every number is one the workbook shows in a cell; a sentence whose inputs are missing is left out.
/// </summary>
public static class Analysis
{
    /// <summary>The paragraphs (each one or more sentences), in the workbook's language.</summary>
    public static IReadOnlyList<string> Write(SummaryData data, AnalysisTemplates t)
    {
        using var language = Words.Use(data.Language, data.WorkbookWords);
        var facts = new AnalysisFacts(data, t);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var add in new Action<Dictionary<string, string?>>[] { facts.Growth, facts.Contribution, facts.Drivers, facts.Targets, facts.Revisions })
        {
            add(values);
        }

        var paragraphs = new List<string>();
        foreach (var (_, sentences) in t.Paragraphs)
        {
            var written = sentences.Select(s => Sentence(s, values)).OfType<string>().ToArray();
            if (written.Length > 0)
            {
                paragraphs.Add(string.Concat(written.Select(s => s + t.Word("sentence"))).TrimEnd());
            }
        }

        return paragraphs.Count > 0 ? paragraphs : [t.Word("none")];
    }

    /// <summary>The lead and every part whose values are there; null when the lead's are not.</summary>
    private static string? Sentence(string[] parts, IReadOnlyDictionary<string, string?> values)
    {
        var lead = AnalysisTemplates.Fill(parts[0], values);
        return lead is null ? null : lead + string.Concat(parts.Skip(1).Select(p => AnalysisTemplates.Fill(p, values)).OfType<string>());
    }
}

/// <summary>The values the templates name, taken from one workbook's data for the region it analyses.</summary>
internal sealed class AnalysisFacts(SummaryData data, AnalysisTemplates t)
{
    /// <summary>How many industries the drivers sentence names, and how many falling ones at most.</summary>
    private const int TopDrivers = 3;
    private const int FallingShown = 5;

    public string Region { get; } = RegionOf(data);

    /// <summary>The default region when the workbook has its figures, else the region of the latest growth or contribution.</summary>
    public static string RegionOf(SummaryData data) =>
        new[] { data.DefaultRegion }
            .Concat(data.Indicators.Panel.OrderByDescending(p => p.Period).Select(p => p.Region))
            .Concat(data.Indicators.IndustryVsGdp.Where(v => v.Value is not null).OrderByDescending(v => v.Period).Select(v => v.Region))
            .FirstOrDefault(r => data.Indicators.Panel.Any(p => p.Region == r) || data.Indicators.IndustryVsGdp.Any(v => v.Region == r && v.Value is not null))
        ?? data.DefaultRegion;

    /// <summary>The region's latest month with a growth rate of 规上工业 (当月 or 累计), and the month before it in the panel.</summary>
    public static (PanelRow? Latest, PanelRow? Previous) LatestGrowth(SummaryData data, string region)
    {
        var rows = data.Indicators.Panel.Where(p => p.Region == region).OrderBy(p => p.Period).ToArray();
        var latest = rows.LastOrDefault(r => r.MonthYoY is not null || r.YearToDateYoY is not null);
        return (latest, latest is null ? null : rows.TakeWhile(r => r != latest).LastOrDefault());
    }

    /// <summary>The region's latest annual contribution of all industry, with its place against the baseline.</summary>
    public static TrendPoint? LatestContribution(SummaryData data, string region) =>
        data.Indicators.Trend.Where(p => p.Source.Region == region && p.Basis == Basis.Year).MaxBy(p => p.Period);

    private string RegionName => Words.English ? data.Codes.Regions.ByCode(Region)?.NameEn ?? Region : Region;

    public void Growth(Dictionary<string, string?> v)
    {
        var (latest, previous) = LatestGrowth(data, Region);
        if (latest is null)
        {
            return;
        }

        v["region"] = RegionName;
        v["period"] = Label(latest.Period, Basis.Month, null);
        v["monthGrowth"] = latest.MonthYoY is { } m ? t.Signed("growth", m) : null;
        v["monthChange"] = latest.MonthAccelerationPp is { } mc ? t.Signed("change", mc) : null;
        v["previous"] = previous is null ? null
            : previous.Period == latest.Period.Previous() ? t.Word("previousMonth") : Label(previous.Period, Basis.Month, latest.Period.Year);
        v["ytdPeriod"] = Label(latest.Period, Basis.YearToDate, latest.MonthYoY is null ? null : latest.Period.Year); // the year is said once
        v["ytdGrowth"] = latest.YearToDateYoY is { } y ? t.Signed("growth", y) : null;
        v["ytdChange"] = latest.YearToDateAccelerationPp is { } yc ? t.Signed("change", yc) : null;
        v["ytdPrevious"] = previous is null ? null : Label(previous.Period, Basis.YearToDate, latest.Period.Year);
    }

    public void Contribution(Dictionary<string, string?> v)
    {
        var point = LatestContribution(data, Region);
        if (point is null)
        {
            return;
        }

        var baseline = point.Baseline.ToString("0.0", CultureInfo.InvariantCulture);
        v["region"] = RegionName;
        v["year"] = Label(point.Period, Basis.Year, null);
        v["contribution"] = AnalysisTemplates.Number(point.Contribution);
        v["baseline"] = t.Signed("baseline", point.DeviationPp, ("baseline", baseline));
        v["contributionChange"] = point.ChangePp is { } c ? t.Signed("level", c) : null;
        var pull = data.Indicators.Beside(point.Source, IndicatorCodes.Pull)?.Value;
        v["pull"] = pull is { } p ? AnalysisTemplates.Number(p) : null;
        v["movingAverage"] = point.MovingAverage is { } ma ? AnalysisTemplates.Number(ma) : null;
        var summary = data.Indicators.TrendSummaries.FirstOrDefault(s => s.Region == Region && s.Basis == Basis.Year && s.Latest == point.Period);
        if (summary is { SlopePpPerYear: { } slope, Direction: not TrendDirection.None })
        {
            v["direction"] = t.Word(summary.Direction switch { TrendDirection.Up => "direction.up", TrendDirection.Down => "direction.down", _ => "direction.flat" });
            v["slope"] = (slope < 0 ? "-" : string.Empty) + AnalysisTemplates.Number(slope);
        }

        v["belowPeriods"] = summary is { Alert: true } ? summary.PeriodsBelowBaseline.ToString(CultureInfo.InvariantCulture) : null;
        v["alert"] = v["belowPeriods"] is null ? null : AnalysisTemplates.Fill(t.Word("alert"), v);
    }

    public void Drivers(Dictionary<string, string?> v)
    {
        // The latest period of the region's ranked divisions (year to date before month when both are there): the 行业 sheet's.
        var group = data.ShownDrivers.Where(d => d.Region == Region && d.Kind == "division")
            .GroupBy(d => (d.Period, d.Basis))
            .Where(g => g.Any(d => d.Rank is not null))
            .OrderByDescending(g => g.Key.Period).ThenBy(g => g.Key.Basis == Basis.YearToDate ? 0 : 1)
            .FirstOrDefault();
        if (group is null)
        {
            return;
        }

        v["driverPeriod"] = Label(group.Key.Period, group.Key.Basis, null);
        v["topDrivers"] = List(group.Where(d => d.Rank is not null && d.Contribution > 0).OrderBy(d => d.Rank).Take(TopDrivers), d => new Dictionary<string, string?>
        {
            ["name"] = IndustryName(d.Code, d.Name),
            ["contribution"] = AnalysisTemplates.Number(d.Contribution!.Value),
            ["pull"] = d.Pull is { } p ? AnalysisTemplates.Number(p) : null,
        }, "topDriver");
        v["falling"] = List(group.Where(d => d.Growth < 0).OrderBy(d => d.Growth).Take(FallingShown), d => new Dictionary<string, string?>
        {
            ["name"] = IndustryName(d.Code, d.Name),
            ["growth"] = AnalysisTemplates.Number(d.Growth!.Value),
        }, "falling");
    }

    public void Targets(Dictionary<string, string?> v)
    {
        var targets = data.Indicators.Targets;
        if (targets.Any(x => x.Status != TargetStatus.Unknown))
        {
            var ok = targets.Count(x => x.Status is TargetStatus.Achieved or TargetStatus.OnTrack);
            v["targetCount"] = targets.Count.ToString(CultureInfo.InvariantCulture);
            v["okCount"] = ok.ToString(CultureInfo.InvariantCulture);
            v["targetStatus"] = targets.All(x => x.Status == TargetStatus.Achieved) ? t.Word("targets.allAchieved")
                : ok == targets.Count ? t.Word("targets.allOnTrack")
                : ok > 0 ? AnalysisTemplates.Fill(t.Word("targets.some"), v)
                : null;
            v["behind"] = List(targets.Where(x => x.Status is TargetStatus.OffTrack or TargetStatus.AtRisk && x.ProgressPercent is not null).OrderBy(x => x.ProgressPercent), x => new Dictionary<string, string?>
            {
                ["name"] = Words.T(x.Target.Name),
                ["progress"] = AnalysisTemplates.Number(x.ProgressPercent!.Value),
            }, "behind");
        }

        var tiers = data.Indicators.Tiers.Where(x => x.AtOrAbove.Count + x.Below.Count > 0).GroupBy(x => x.Tier.Id).Select(g => g.MaxBy(x => x.Year)!).ToArray();
        v["tiers"] = tiers.Length == 0 ? null : string.Join(t.Word("tiers"), tiers.Select(x => AnalysisTemplates.Fill(t.Item("tier"), new Dictionary<string, string?>
        {
            ["tierYear"] = Words.T(string.Create(CultureInfo.InvariantCulture, $"{x.Year}年")),
            ["tierName"] = Words.T(x.Tier.Name),
            ["tierCount"] = x.Count.ToString(CultureInfo.InvariantCulture),
            ["tierTarget"] = x.Tier.TargetCount.ToString(CultureInfo.InvariantCulture),
            ["tierTargetYear"] = x.Tier.TargetYear.ToString(CultureInfo.InvariantCulture),
        })).OfType<string>());
    }

    /// <summary>The values the latest file revised (the revisions recorded after it arrived), the region's headline ones first.</summary>
    public void Revisions(Dictionary<string, string?> v)
    {
        var newestFile = data.Files.Select(f => f.IngestedAt).DefaultIfEmpty().Max();
        var latest = data.Revisions.Where(r => r.ComputedAt >= newestFile && r.Region == Region && r.PreviousValue is not null && r.NewValue is not null
                                               && t.IndicatorName(r.Indicator) is not null && (r.Subject == GdpPart.AllIndustry.Code || r.Subject == SeriesKey.AllIndustries))
            .OrderBy(r => r.Indicator switch { IndicatorCodes.ContributionRate => 0, IndicatorCodes.Pull => 1, _ => 2 })
            .ThenByDescending(r => r.Period, StringComparer.Ordinal)
            .ToArray();
        v["revised"] = List(latest.Take(TopDrivers), r => new Dictionary<string, string?>
        {
            ["period"] = ReportingPeriod.TryParseCode(r.Period, out var p) ? Label(p, Codes.ParseBasis(r.Basis), null) : r.Period,
            ["indicator"] = t.IndicatorName(r.Indicator),
            ["previous"] = AnalysisTemplates.Number(r.PreviousValue!.Value),
            ["new"] = AnalysisTemplates.Number(r.NewValue!.Value),
            ["change"] = t.Signed("revision", r.NewValue!.Value - r.PreviousValue!.Value),
        }, "revised");
        v["more"] = latest.Length > TopDrivers ? t.Word("more") : string.Empty;
    }

    /// <summary>The items filled and joined; null when there is none.</summary>
    private string? List<T>(IEnumerable<T> items, Func<T, Dictionary<string, string?>> values, string item)
    {
        var written = items.Select(x => AnalysisTemplates.Fill(t.Item(item), values(x))).OfType<string>().ToArray();
        return written.Length == 0 ? null : string.Join(t.Word("list"), written);
    }

    private string IndustryName(string code, string name) => Words.English ? data.Codes.Industries.ByCode(code)?.NameEn ?? name : name;

    /// <summary>A period as the workbook labels it, without its year when that is <paramref name="sameYear"/>.</summary>
    private static string Label(ReportingPeriod period, Basis basis, int? sameYear)
    {
        var label = Words.T(period.ChineseLabel(basis));
        var year = period.Year.ToString(CultureInfo.InvariantCulture);
        return sameYear == period.Year
            ? label.StartsWith(year + "年", StringComparison.Ordinal) ? label[(year.Length + 1)..] : label.StartsWith(year + " ", StringComparison.Ordinal) ? label[(year.Length + 1)..] : label
            : label;
    }
}
