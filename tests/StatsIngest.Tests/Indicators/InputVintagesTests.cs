using StatsIngest.Domain;
using StatsIngest.Indicators;
using static StatsIngest.Tests.Indicators.Synthetic;

namespace StatsIngest.Tests.Indicators;

public class InputVintagesTests
{
    [Fact]
    public void A_values_vintages_are_each_named_once_in_ascending_order()
    {
        var inputs = new[] { 7L, 3, 7, 12, 3, 1 }.Select((v, i) => Year("GDP", "_T", 2000 + i, Measure.Level, 1, v)).ToArray();

        Assert.Equal([1L, 3, 7, 12], InputVintages.Of(inputs));
        Assert.Equal([5L], InputVintages.Of([Year("GDP", "_T", 2020, Measure.Level, 1, 5), Year("GDP", "_T", 2021, Measure.Level, 2, 5)]));
        Assert.Empty(InputVintages.Of([]));
        var record = new IndicatorRecord("gdp", "share", "全国", "industry", "2021", "A", 32, "%", null, inputs);
        Assert.Equal("1,3,7,12", string.Join(',', record.InputVintages));
    }
}
