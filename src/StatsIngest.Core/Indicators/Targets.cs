using System.Globalization;
using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// A target of the plan (config/targets/*.json): what is measured (<see cref="Metric"/>: revenue, output, value added,
/// units produced) by which series (<see cref="Indicator"/>, <see cref="Industry"/>), the target value and year, and
/// optionally a baseline (the value the plan started from) used when the store has no data for that year.
/// </summary>
public sealed record TargetDefinition(
    string Id,
    string Name,
    string Group,
    string Metric,
    string Indicator,
    string Industry,
    string Unit,
    double TargetValue,
    int TargetYear)
{
    public int? BaselineYear { get; init; }

    public double? BaselineValue { get; init; }

    /// <summary>The target's name in English (the English workbook), when given.</summary>
    public string? NameEn { get; init; }

    /// <summary>The region of the series; null means the default region.</summary>
    public string? Region { get; init; }
}

public enum TargetStatus
{
    /// <summary>Two years of data are needed to project; one is not enough.</summary>
    Unknown,
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
}

/// <summary>When a target not yet achieved is at risk: its projection reaches at least <see cref="AtRiskRatio"/> of the target.</summary>
public sealed record TargetThresholds(double AtRiskRatio = 0.9, int TrailingYears = 3);

/// <summary>
/// Where a target stands: the latest value and year, progress (%), the gap, the CAGR required to reach the target by
/// its year, the trailing CAGR over the last k years, the value projected at that rate for the target year, and a status.
/// </summary>
public sealed record TargetProgress(
    TargetDefinition Target,
    int? LatestYear,
    double? Latest,
    double? ProgressPercent,
    double? Gap,
    double? RequiredCagrPercent,
    double? TrailingCagrPercent,
    int? TrailingFromYear,
    double? Projected,
    TargetStatus Status,
    string Note,
    IReadOnlyList<Observation> Inputs)
{
    public IReadOnlyList<long> InputVintages => Indicators.InputVintages.Of(Inputs);
}

/// <summary>The formulas of domain.md §2 for targets.</summary>
public static class TargetEvaluator
{
    /// <summary><c>(to / from)^(1/years) − 1</c>, in %; null when undefined (years ≤ 0, a value ≤ 0).</summary>
    public static double? Cagr(double from, double to, int years) =>
        years <= 0 || from <= 0 || to <= 0 ? null : (Math.Pow(to / from, 1.0 / years) - 1) * 100;

    /// <param name="target">The target.</param>
    /// <param name="annual">The annual values of the target's series (year → observation).</param>
    /// <param name="currentYear">The calendar year now (or as of), to say when a target year has passed without data.</param>
    /// <param name="thresholds">When at risk, and over how many years the trailing CAGR runs.</param>
    public static TargetProgress Evaluate(TargetDefinition target, IReadOnlyDictionary<int, Observation> annual, int currentYear, TargetThresholds thresholds)
    {
        var points = annual.Where(kv => kv.Value.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value.Value!.Value);
        if (target.BaselineYear is { } by && target.BaselineValue is { } bv && !points.ContainsKey(by))
        {
            points[by] = bv;
        }

        var inputs = annual.Values.Where(o => o.Value is not null).OrderBy(o => o.Period).ToArray();
        if (points.Count == 0)
        {
            return new TargetProgress(target, null, null, null, null, null, null, null, null, TargetStatus.Unknown,
                $"no data: needs {target.Indicator} of {target.Industry} (annual levels)", inputs);
        }

        var latestYear = points.Keys.Max();
        var latest = points[latestYear];
        var progress = latest / target.TargetValue * 100;
        var gap = target.TargetValue - latest;
        var required = Cagr(latest, target.TargetValue, target.TargetYear - latestYear);
        var fromYear = points.Keys.Where(y => y < latestYear && y >= latestYear - thresholds.TrailingYears).DefaultIfEmpty().Min();
        var trailing = fromYear == 0 ? null : Cagr(points[fromYear], latest, latestYear - fromYear);
        double? projected = trailing is null ? null : latest * Math.Pow(1 + (trailing.Value / 100), Math.Max(0, target.TargetYear - latestYear));

        TargetStatus status;
        string note;
        if (latest >= target.TargetValue)
        {
            status = TargetStatus.Achieved;
            note = string.Create(CultureInfo.InvariantCulture, $"achieved in {latestYear}");
        }
        else if (latestYear >= target.TargetYear)
        {
            status = TargetStatus.OffTrack;
            note = string.Create(CultureInfo.InvariantCulture, $"the target year {target.TargetYear} is reached without achieving the target");
        }
        else if (projected is null)
        {
            status = TargetStatus.Unknown;
            note = string.Create(CultureInfo.InvariantCulture, $"one year of data ({latestYear}): a trend needs two");
        }
        else
        {
            status = projected >= target.TargetValue ? TargetStatus.OnTrack
                : projected >= thresholds.AtRiskRatio * target.TargetValue ? TargetStatus.AtRisk
                : TargetStatus.OffTrack;
            note = string.Create(CultureInfo.InvariantCulture,
                $"projected {projected:0.##} {target.Unit} in {target.TargetYear} at the {fromYear}–{latestYear} rate");
        }

        if (currentYear > target.TargetYear && latestYear < target.TargetYear)
        {
            note += string.Create(CultureInfo.InvariantCulture, $"; the target year {target.TargetYear} has passed, its data has not arrived");
        }

        return new TargetProgress(target, latestYear, latest, progress, gap, required, trailing, fromYear == 0 ? null : fromYear, projected, status, note, inputs);
    }
}
