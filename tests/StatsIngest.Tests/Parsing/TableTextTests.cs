using StatsIngest.Parsing;

namespace StatsIngest.Tests.Parsing;

public class TableTextTests
{
    [Theory]
    [InlineData("2023年12月份规模以上工业生产主要数据", "2023年12月")]
    [InlineData("2022年1-6月全省规模以上工业增加值", "2022年1—6月")]
    [InlineData("2022年前三季度地区生产总值", "2022年前三季度")]
    [InlineData("2022年上半年各市州规模以上工业增加值增速", "2022年前二季度")]
    [InlineData("2021年国内生产总值最终核实数", "2021年")]
    [InlineData("1～2月份全省工业生产情况", "1—2月")]
    [InlineData("2024年第三季度", "2024年第三季度")]
    public void A_period_is_found_inside_a_title(string title, string expected)
    {
        Assert.True(PeriodParser.TryFind(title, out var period, out _));
        Assert.Equal(expected, period.Describe());
    }

    [Theory]
    [InlineData("规模以上工业增加值")]
    [InlineData("单位：万元")]
    public void Text_without_a_period_gives_none(string text) => Assert.False(PeriodParser.TryFind(text, out _, out _));

    [Theory]
    [InlineData("计算机通信和其他电子设备制造业", "计算机、通信和其他电子设备制造业")]
    [InlineData("纺织服装，服饰业", "纺织服装、服饰业")]
    [InlineData("  专用设备  制造业 ", "专用设备制造业")]
    public void Labels_match_without_enumeration_punctuation_and_spaces(string written, string official) =>
        Assert.Equal(Label.MatchKey(official), Label.MatchKey(written));
}
