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

    [Theory]
    [InlineData("codelists/vocabulary.json", "\"code\": \"L\", \"words\": [ \"绝对量\"", "\"code\": \"L\", \"words\": [ \"增长\", \"绝对量\"",
        "in measures, the word '增长' is given for both 'YOY' and 'L'.")]
    [InlineData("codelists/vocabulary.json", "\"unchanged\": [ \"持平\"", "\"unchanged\": [ \"-\", \"持平\"",
        "the value word '-' is given in both values.missing and values.unchanged.")]
    [InlineData("codelists/units.json", "\"money\": \"亿元\"", "\"money\": \"万吨\"", "units.json: storedIn 'money' names '万吨', which is not a unit of that dimension.")]
    [InlineData("profiles.json", "\"test\": \"titleWords\"", "\"test\": \"titleWord\"", "profile 'nbs-monthly': 'titleWord' is not a test")]
    public void A_broken_vocabulary_unit_table_or_profile_stops_the_service_with_one_line(string file, string find, string replace, string expected)
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();
        var path = Path.Combine(root, "config", file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        var stderr = new StringWriter();

        var code = StatsIngestCli.Run(["run", "--data", tmp.File("data")], new StringWriter(), stderr, root);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        var line = Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
