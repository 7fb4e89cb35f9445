using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Tests.Parsing;

public class PeriodParserTests
{
    [Theory]
    [InlineData("2022", "2022", Basis.Year)]
    [InlineData("2021年", "2021", Basis.Year)]
    [InlineData("2022年全年", "2022", Basis.Year)]
    [InlineData("2023-03", "2023-03", Basis.Month)]
    [InlineData("2024年12月", "2024-12", Basis.Month)]
    [InlineData("2024年12月份", "2024-12", Basis.Month)]
    [InlineData("２０２４年１２月", "2024-12", Basis.Month)]
    [InlineData("2023年1-2月①", "2023-02", Basis.YearToDate)]
    [InlineData("2023年3月²", "2023-03", Basis.Month)]
    [InlineData("2022年（注1）", "2022", Basis.Year)]
    [InlineData("2022年1-6月", "2022-06", Basis.YearToDate)]
    [InlineData("2022年1—6月份", "2022-06", Basis.YearToDate)]
    [InlineData("2022年1–6月", "2022-06", Basis.YearToDate)]
    [InlineData("2022年1~2月", "2022-02", Basis.YearToDate)]
    [InlineData("2022年1～2月", "2022-02", Basis.YearToDate)]
    [InlineData("2022年1至6月", "2022-06", Basis.YearToDate)]
    [InlineData("2023年1—12月", "2023-12", Basis.YearToDate)]
    [InlineData("2022年上半年", "2022-Q2", Basis.YearToDate)]
    [InlineData("2022年前三季度", "2022-Q3", Basis.YearToDate)]
    [InlineData("2022年一季度", "2022-Q1", Basis.YearToDate)]
    [InlineData("2022年第三季度", "2022-Q3", Basis.Quarter)]
    [InlineData("2022-Q3", "2022-Q3", Basis.Quarter)]
    public void Reads_the_period_forms_of_statistical_tables(string text, string code, Basis basis)
    {
        Assert.True(PeriodParser.TryParse(text, out var parsed), text);
        var (period, b) = parsed.Resolve();
        Assert.Equal(code, period.Code);
        Assert.Equal(basis, b);
    }

    [Fact]
    public void One_to_two_months_is_one_period_and_no_january_is_invented()
    {
        Assert.True(PeriodParser.TryParse("1—2月", out var parsed));
        Assert.Null(parsed.Year);
        var (period, basis) = parsed.Resolve(2023);
        Assert.Equal(ReportingPeriod.ForMonth(2023, 2), period);
        Assert.Equal(Basis.YearToDate, basis);
    }

    [Theory]
    [InlineData("")]
    [InlineData("合计")]
    [InlineData("2022年13月")]
    [InlineData("2022年6-1月")]
    [InlineData("第五季度")]
    public void Rejects_what_is_not_a_period(string text) => Assert.False(PeriodParser.TryParse(text, out _));

    [Fact]
    public void A_periods_code_is_the_same_text_at_each_end_of_the_plausible_years_and_beyond_them()
    {
        // Codes of 1949–2200 are made once and kept; a period outside them (a year before 1949) is made each time.
        Assert.Equal("1949", ReportingPeriod.ForYear(1949).Code);
        Assert.Equal("1949-Q1", ReportingPeriod.ForQuarter(1949, 1).Code);
        Assert.Equal("2200-12", ReportingPeriod.ForMonth(2200, 12).Code);
        Assert.Equal("2200-Q4", ReportingPeriod.ForQuarter(2200, 4).Code);
        Assert.Equal("1948-12", ReportingPeriod.ForMonth(1949, 1).Previous().Code);
        Assert.Equal("1948", ReportingPeriod.ForYear(1949).PreviousYear().Code);
        Assert.Same(ReportingPeriod.ForMonth(2023, 3).Code, ReportingPeriod.ForMonth(2023, 3).Code);
        Assert.Equal(["2023", "2023-Q1", "2023-Q4", "2023-01", "2023-12"],
            [ReportingPeriod.ForYear(2023).Code, ReportingPeriod.ForQuarter(2023, 1).Code, ReportingPeriod.ForQuarter(2023, 4).Code, ReportingPeriod.ForMonth(2023, 1).Code, ReportingPeriod.ForMonth(2023, 12).Code]);
    }

    [Fact]
    public void Every_period_of_the_plausible_years_has_its_own_ordinal_and_comes_back_from_it()
    {
        var periods = Enumerable.Range(0, ReportingPeriod.OrdinalCount).Select(ReportingPeriod.FromOrdinal).ToArray();

        Assert.Equal(Enumerable.Range(0, ReportingPeriod.OrdinalCount), periods.Select(p => p.Ordinal));
        Assert.Equal(ReportingPeriod.OrdinalCount, periods.Select(p => p.Code).Distinct().Count());
        Assert.Equal(["1949", "1949-Q1", "1949-01", "2200-12"], new[] { 0, 1, 5, ReportingPeriod.OrdinalCount - 1 }.Select(i => periods[i].Code));
        Assert.Equal(-1, ReportingPeriod.ForYear(1949).PreviousYear().Ordinal);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ReportingPeriod.FromOrdinal(ReportingPeriod.OrdinalCount));
    }
}
