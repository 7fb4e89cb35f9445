using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Store;

namespace StatsIngest.Compute;

/// <summary>Every block of an <see cref="IndicatorSet"/> as flat <see cref="IndicatorRecord"/>s (codes in docs/indicators.md).</summary>
public static class IndicatorRecords
{
    /// <summary>The block of the monthly panel's values (工业增速).</summary>
    public const string PanelBlock = "panel";

    public static IReadOnlyList<IndicatorRecord> Flatten(IndicatorSet set)
    {
        var list = new List<IndicatorRecord>();
        foreach (var v in set.IndustryVsGdp)
        {
            list.Add(new IndicatorRecord("gdp", v.Indicator, v.Region, v.Part, v.Period.Code, Codes.Of(v.Basis), v.Value, v.Unit, v.NotComputable, v.Inputs));
        }

        foreach (var t in set.Trend)
        {
            var basis = Codes.Of(t.Basis);
            var inputs = t.Source.Inputs;
            list.Add(new IndicatorRecord("trend", "TREND_DEVIATION", t.Source.Region, GdpPart.AllIndustry.Code, t.Period.Code, basis, t.DeviationPp, "百分点",
                Invariant($"contribution {t.Contribution:0.##}% vs baseline {t.Baseline}%; {t.Direction}"), inputs));
            list.Add(new IndicatorRecord("trend", "TREND_MA3", t.Source.Region, GdpPart.AllIndustry.Code, t.Period.Code, basis, t.MovingAverage, "%",
                t.MovingAverage is null ? "needs three periods" : null, inputs));
        }

        foreach (var s in set.TrendSummaries)
        {
            list.Add(new IndicatorRecord("trend", "TREND_SLOPE", s.Region, GdpPart.AllIndustry.Code, s.Latest.Code, Codes.Of(s.Basis), s.SlopePpPerYear, "百分点/年",
                Invariant($"{s.DirectionText}; over the last {s.SlopePeriods} periods; {s.PeriodsBelowBaseline} period(s) running below the baseline{(s.Alert ? $"; ALERT: below the baseline for {s.PeriodsBelowBaseline} periods running" : string.Empty)}"),
                set.Trend.Where(p => p.Source.Region == s.Region && p.Basis == s.Basis).SelectMany(p => p.Source.Inputs).Distinct().ToArray()));
        }

        foreach (var p in set.Panel)
        {
            var note = p.MonthFromYearToDate ? "1—2月: 当月 = 累计" : null;
            list.Add(new IndicatorRecord(PanelBlock, "PANEL_M_YOY", p.Region, SeriesKey.AllIndustries, p.Period.Code, "M", p.MonthYoY, "%", note, p.Inputs));
            list.Add(new IndicatorRecord(PanelBlock, "PANEL_YTD_YOY", p.Region, SeriesKey.AllIndustries, p.Period.Code, "YTD", p.YearToDateYoY, "%", null, p.Inputs));
            list.Add(new IndicatorRecord(PanelBlock, "PANEL_M_ACCEL", p.Region, SeriesKey.AllIndustries, p.Period.Code, "M", p.MonthAccelerationPp, "百分点", null, p.Inputs));
            list.Add(new IndicatorRecord(PanelBlock, "PANEL_YTD_ACCEL", p.Region, SeriesKey.AllIndustries, p.Period.Code, "YTD", p.YearToDateAccelerationPp, "百分点", null, p.Inputs));
        }

        foreach (var d in set.Drivers)
        {
            var basis = Codes.Of(d.Basis);
            var rank = d.Rank is { } r ? Invariant($"rank {r} among {d.Kind}s") : null;
            var note = string.Join("; ", new[] { rank, d.FromMembers ? "sum of its members" : null, d.NotComputable }.Where(x => x is not null));
            list.Add(new IndicatorRecord(ComputedPartitions.GroupedBlock, "DRIVER_WEIGHT", d.Region, d.Code, d.Period.Code, basis, d.Weight * 100, "%", note.Length == 0 ? null : note, d.Inputs));
            list.Add(new IndicatorRecord(ComputedPartitions.GroupedBlock, "DRIVER_CONTRIB", d.Region, d.Code, d.Period.Code, basis, d.Contribution, "%", note.Length == 0 ? null : note, d.Inputs));
            list.Add(new IndicatorRecord(ComputedPartitions.GroupedBlock, "DRIVER_PULL", d.Region, d.Code, d.Period.Code, basis, d.Pull, "百分点", note.Length == 0 ? null : note, d.Inputs));
        }

        foreach (var t in set.Tiers)
        {
            list.Add(new IndicatorRecord("tiers", "TIER_COUNT", t.Tier.Region ?? string.Empty, t.Tier.Id, t.Year.ToString(CultureInfo.InvariantCulture), "A", t.Count, "个",
                Invariant($"{t.Tier.Name} (≥ {t.Tier.Threshold} 亿元): {string.Join("、", t.AtOrAbove)}; target {t.Tier.TargetCount} by {t.Tier.TargetYear}, {t.Gap} to go{(t.NoData.Count > 0 ? "; no data: " + string.Join("、", t.NoData) : string.Empty)}"),
                t.Inputs));
        }

        foreach (var t in set.Targets)
        {
            var period = t.LatestYear?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            var region = t.Target.Region ?? string.Empty;
            var status = Invariant($"{t.Status}: {t.Note}");
            list.Add(new IndicatorRecord("targets", "TARGET_LATEST", region, t.Target.Id, period, "A", t.Latest, t.Target.Unit, status, t.Inputs));
            list.Add(new IndicatorRecord("targets", "TARGET_PROGRESS", region, t.Target.Id, period, "A", t.ProgressPercent, "%", status, t.Inputs));
            list.Add(new IndicatorRecord("targets", "TARGET_GAP", region, t.Target.Id, period, "A", t.Gap, t.Target.Unit, status, t.Inputs));
            list.Add(new IndicatorRecord("targets", "TARGET_REQUIRED_CAGR", region, t.Target.Id, period, "A", t.RequiredCagrPercent, "%", status, t.Inputs));
            list.Add(new IndicatorRecord("targets", "TARGET_TRAILING_CAGR", region, t.Target.Id, period, "A", t.TrailingCagrPercent, "%", status, t.Inputs));
            list.Add(new IndicatorRecord("targets", "TARGET_PROJECTED", region, t.Target.Id, t.Target.TargetYear.ToString(CultureInfo.InvariantCulture), "A", t.Projected, t.Target.Unit, status, t.Inputs));
        }

        foreach (var w in set.Checks)
        {
            list.Add(new IndicatorRecord("checks", "CHECK_" + w.Check.ToUpperInvariant().Replace('-', '_'), w.Region,
                string.Join("+", w.Inputs.Select(i => i.Key.Industry).Distinct()), w.Period.Code, Codes.Of(w.Basis),
                double.IsFinite(w.Difference) ? Math.Round(w.Difference, 10) : null, string.Empty, (w.Passed ? "ok: " : "WARNING: ") + w.Message, w.Inputs));
        }

        return list;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
