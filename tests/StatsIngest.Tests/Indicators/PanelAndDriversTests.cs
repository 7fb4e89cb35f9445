using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

public class PanelAndDriversTests
{
    private static Observation Month(int year, int month, Basis basis, double? value) =>
        Obs("IVA_ABOVE", "_T", ReportingPeriod.ForMonth(year, month), basis, Measure.YoY, value);

    [Fact]
    public void The_panel_has_no_January_takes_1_2_as_one_period_and_compares_it_with_December()
    {
        // Published national 2023 figures (domain.md); 11月 累计 is not published.
        Observation[] published =
        [
            Month(2022, 12, Basis.Month, 1.3),
            Month(2023, 2, Basis.YearToDate, 2.4),
            Month(2023, 3, Basis.Month, 3.9), Month(2023, 3, Basis.YearToDate, 3.0),
            Month(2023, 11, Basis.Month, 6.6), Month(2023, 11, Basis.YearToDate, null),
            Month(2023, 12, Basis.Month, 6.8), Month(2023, 12, Basis.YearToDate, 4.6),
        ];

        var panel = MonthlyPanel.Build("全国", published);

        Assert.Equal(["2022-12", "2023-02", "2023-03", "2023-11", "2023-12"], panel.Select(p => p.Period.Code));
        var feb = panel[1];
        Assert.Equal(("2023年1—2月", 2.4, 2.4, true), (feb.Label, feb.MonthYoY, feb.YearToDateYoY, feb.MonthFromYearToDate));
        Assert.Equal(1.1, feb.MonthAccelerationPp!.Value, 10);
        Assert.Equal(1.5, panel[2].MonthAccelerationPp!.Value, 10);
        Assert.Equal(0.6, panel[2].YearToDateAccelerationPp!.Value, 10);
        Assert.Null(panel[3].MonthAccelerationPp);
        Assert.Equal(0.2, panel[4].MonthAccelerationPp!.Value, 10);
        Assert.Null(panel[4].YearToDateAccelerationPp);
    }

    private static readonly ReportingPeriod Feb2022 = ReportingPeriod.ForMonth(2022, 2);
    private static readonly ReportingPeriod Feb2021 = ReportingPeriod.ForMonth(2021, 2);

    private static Observation Ytd(string industry, ReportingPeriod period, Measure measure, double value) =>
        Obs("IVA_ABOVE", industry, period, Basis.YearToDate, measure, value, region: "中山市");

    private static DriverCandidate Division(string code) => new(code, code, "division", []);

    [Fact]
    public void Zhongshan_1_2_2022_three_industries_contribute_56_2_percent_and_pull_2_8_pp()
    {
        // 规上工业 +5.0%; three industries whose weights and growth give the published 28.1, 15.9 and 12.2.
        var lookup = Lookup(
            Ytd("_T", Feb2022, Measure.YoY, 5.0), Ytd("_T", Feb2021, Measure.Level, 1000),
            Ytd("38", Feb2021, Measure.Level, 200), Ytd("38", Feb2022, Measure.YoY, 7.025),
            Ytd("39", Feb2021, Measure.Level, 150), Ytd("39", Feb2022, Measure.YoY, 5.3),
            Ytd("21", Feb2021, Measure.Level, 100), Ytd("21", Feb2022, Measure.YoY, 6.1));

        var drivers = Drivers.Compute("中山市", Feb2022, Basis.YearToDate, [Division("38"), Division("39"), Division("21")], lookup);

        Assert.Equal(["38", "39", "21"], drivers.Select(d => d.Code));
        Assert.Equal([1, 2, 3], drivers.Select(d => d.Rank!.Value));
        Assert.Equal(28.1, drivers[0].Contribution!.Value, 10);
        Assert.Equal(15.9, drivers[1].Contribution!.Value, 10);
        Assert.Equal(12.2, drivers[2].Contribution!.Value, 10);
        var together = drivers.Sum(d => d.Contribution!.Value);
        var pull = drivers.Sum(d => d.Pull!.Value);
        Assert.Equal(56.2, together, 10);
        Assert.InRange(pull, 2.8 - 0.15, 2.8 + 0.15);
        Assert.Equal(together * 5.0 / 100, pull, 10);
        Assert.Equal(0.2, drivers[0].Weight!.Value, 12);
    }

    [Fact]
    public void Without_levels_a_driver_is_not_computable_and_says_what_it_needs_and_a_group_sums_its_members()
    {
        var lookup = Lookup(
            Ytd("_T", Feb2022, Measure.YoY, 5.0), Ytd("_T", Feb2021, Measure.Level, 1000),
            Ytd("34", Feb2021, Measure.Level, 100), Ytd("34", Feb2022, Measure.YoY, 10),
            Ytd("35", Feb2021, Measure.Level, 50), Ytd("35", Feb2022, Measure.YoY, 4),
            Ytd("36", Feb2022, Measure.YoY, 8));

        var drivers = Drivers.Compute("中山市", Feb2022, Basis.YearToDate,
            [Division("34"), Division("35"), Division("36"), new DriverCandidate("G2", "34–35", "group", ["34", "35"]), new DriverCandidate("G3", "34–36", "group", ["34", "35", "36"])], lookup);

        var car = drivers.Single(d => d.Code == "36");
        Assert.Null(car.Contribution);
        Assert.Null(car.Rank);
        Assert.Equal("not computable: needs the level of 36 in 2021-02", car.NotComputable);
        var g2 = drivers.Single(d => d.Code == "G2");
        Assert.True(g2.FromMembers);
        Assert.Equal((0.1 * 10 + 0.05 * 4) / 5 * 100, g2.Contribution!.Value, 10);
        Assert.Equal(1.2, g2.Pull!.Value, 10);
        Assert.StartsWith("not computable: needs levels (2021-02) and growth (2022-02) for its members 36", drivers.Single(d => d.Code == "G3").NotComputable, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_total_growth_leaves_pulls_and_no_contributions()
    {
        var lookup = Lookup(
            Ytd("_T", Feb2022, Measure.YoY, 0), Ytd("_T", Feb2021, Measure.Level, 1000),
            Ytd("34", Feb2021, Measure.Level, 100), Ytd("34", Feb2022, Measure.YoY, -3));

        var d = Drivers.Compute("中山市", Feb2022, Basis.YearToDate, [Division("34")], lookup).Single();

        Assert.Null(d.Contribution);
        Assert.Equal(-0.3, d.Pull!.Value, 12);
        Assert.Equal("contribution not computable: 规上工业 growth is 0", d.NotComputable);
    }
}
