using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Hosting;

public class OptionsValidationTests
{
    [Theory]
    [InlineData("--Inbox:QuietPeriodSeconds=-1", "Configuration error: Inbox:QuietPeriodSeconds = -1 is not allowed: use a number of seconds from 0 to 3600.")]
    [InlineData("--Inbox:RescanIntervalSeconds=0", "Configuration error: Inbox:RescanIntervalSeconds = 0 is not allowed: use a number of seconds from 1 to 86400.")]
    [InlineData("--Indicators:BaselineContributionRate=120", "Configuration error: Indicators:BaselineContributionRate = 120 is not allowed: use a number of percent from 0 to 100.")]
    public void An_invalid_setting_stops_the_service_with_one_line_naming_setting_value_and_range(string setting, string expected)
    {
        using var tmp = new TempFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = StatsIngestCli.Run(["run", setting, "--data", tmp.Path], stdout, stderr);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        Assert.Equal(expected, stderr.ToString().Trim());
    }
}
