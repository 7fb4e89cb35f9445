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
}
