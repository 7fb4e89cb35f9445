using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

public class TargetsAndTiersTests
{
    private static readonly TargetDefinition EngineeringMachinery = new("eng-mach", "工程机械", "老三样", "revenue", "REVENUE", "ENG_MACH", "亿元", 5000, 2025);

    private static TargetProgress Evaluate(TargetDefinition target, int currentYear, params (int Year, double Value)[] values) =>
        TargetEvaluator.Evaluate(target, values.ToDictionary(v => v.Year, v => Year("REVENUE", "ENG_MACH", v.Year, Measure.Level, v.Value)), currentYear, new TargetThresholds());

    [Fact]
    public void Progress_gap_required_and_trailing_CAGR_and_the_projection_are_exact()
    {
        var p = Evaluate(EngineeringMachinery, 2023, (2021, 3600), (2022, 3900));

        Assert.Equal((2022, 3900.0), (p.LatestYear, p.Latest));
        Assert.Equal(78, p.ProgressPercent!.Value, 10);
        Assert.Equal(1100, p.Gap!.Value, 10);
        Assert.Equal((Math.Pow(5000.0 / 3900, 1.0 / 3) - 1) * 100, p.RequiredCagrPercent!.Value, 10);
        Assert.Equal((3900.0 / 3600 - 1) * 100, p.TrailingCagrPercent!.Value, 10);
        Assert.Equal(3900 * Math.Pow(3900.0 / 3600, 3), p.Projected!.Value, 8);
        Assert.Equal(TargetStatus.AtRisk, p.Status); // 4958.7: above 90% of 5000, below 5000
    }

    [Fact]
    public void The_status_is_on_track_off_track_or_achieved()
    {
        Assert.Equal(TargetStatus.OnTrack, Evaluate(EngineeringMachinery, 2023, (2021, 3000), (2022, 4000)).Status);
        Assert.Equal(TargetStatus.OffTrack, Evaluate(EngineeringMachinery, 2023, (2021, 2800), (2022, 3100)).Status);
        var done = Evaluate(EngineeringMachinery, 2023, (2021, 4800), (2022, 5200));
        Assert.Equal(TargetStatus.Achieved, done.Status);
        Assert.True(done.Gap < 0);
        Assert.Null(done.RequiredCagrPercent is { } r && r > 0 ? r : null);
    }

    [Fact]
    public void The_trailing_CAGR_runs_over_the_last_k_years_and_a_baseline_fills_a_missing_year()
    {
        var p = Evaluate(EngineeringMachinery, 2024, (2018, 1000), (2020, 2000), (2023, 4000));
        Assert.Equal(2020, p.TrailingFromYear);
        Assert.Equal((Math.Pow(2.0, 1.0 / 3) - 1) * 100, p.TrailingCagrPercent!.Value, 10);

        var withBaseline = TargetEvaluator.Evaluate(EngineeringMachinery with { BaselineYear = 2021, BaselineValue = 2800 },
            new Dictionary<int, Observation> { [2022] = Year("REVENUE", "ENG_MACH", 2022, Measure.Level, 3100) }, 2023, new TargetThresholds());
        Assert.Equal((3100.0 / 2800 - 1) * 100, withBaseline.TrailingCagrPercent!.Value, 10);
    }

    [Fact]
    public void A_single_year_is_unknown_and_a_past_target_year_is_said()
    {
        var single = Evaluate(EngineeringMachinery, 2023, (2022, 3100));
        Assert.Equal(TargetStatus.Unknown, single.Status);
        Assert.Null(single.TrailingCagrPercent);
        Assert.Equal("one year of data (2022): a trend needs two", single.Note);

        var missed = Evaluate(EngineeringMachinery with { TargetYear = 2022 }, 2026, (2021, 2800), (2022, 3100));
        Assert.Equal(TargetStatus.OffTrack, missed.Status);
        Assert.Null(missed.RequiredCagrPercent);
        Assert.StartsWith("the target year 2022 is reached without achieving the target", missed.Note, StringComparison.Ordinal);

        var late = Evaluate(EngineeringMachinery, 2026, (2021, 3000), (2022, 4000));
        Assert.EndsWith("the target year 2025 has passed, its data has not arrived", late.Note, StringComparison.Ordinal);

        var none = TargetEvaluator.Evaluate(EngineeringMachinery, new Dictionary<int, Observation>(), 2023, new TargetThresholds());
        Assert.Equal(TargetStatus.Unknown, none.Status);
        Assert.Null(none.Latest);
    }

    [Fact]
    public void Tiers_count_members_at_or_above_the_threshold_each_year_against_the_target_count()
    {
        var tier = new TierDefinition("k", "千亿产业", "REVENUE", 1000, ["A", "B", "C"], 5, 2025);
        var annual = new Dictionary<(string, int), Observation>
        {
            [("A", 2021)] = Year("REVENUE", "A", 2021, Measure.Level, 1200),
            [("B", 2021)] = Year("REVENUE", "B", 2021, Measure.Level, 999.9),
            [("A", 2022)] = Year("REVENUE", "A", 2022, Measure.Level, 1300),
            [("B", 2022)] = Year("REVENUE", "B", 2022, Measure.Level, 1000),
            [("X", 2022)] = Year("REVENUE", "X", 2022, Measure.Level, 9999),
        };

        var counts = ScaleTiers.Count(tier, annual);

        Assert.Equal([2021, 2022], counts.Select(c => c.Year));
        Assert.Equal((1, 4), (counts[0].Count, counts[0].Gap));
        Assert.Equal(["B"], counts[0].Below);
        Assert.Equal(["C"], counts[0].NoData);
        Assert.Equal(["A", "B"], counts[1].AtOrAbove);
    }
}
