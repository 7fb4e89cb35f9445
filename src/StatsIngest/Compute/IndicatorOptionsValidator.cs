using Microsoft.Extensions.Options;
using StatsIngest.Settings;

namespace StatsIngest.Compute;

/// <summary>Checks the <c>Indicators</c> settings at start; each failure is one line.</summary>
public sealed class IndicatorOptionsValidator : IValidateOptions<IndicatorOptions>
{
    public ValidateOptionsResult Validate(string? name, IndicatorOptions options)
    {
        var failures = new List<string>();
        SettingCheck.Range(failures, "Indicators:BaselineContributionRate", options.BaselineContributionRate, 0, 100, "percent");
        SettingCheck.Range(failures, "Indicators:TrendSlopePeriods", options.TrendSlopePeriods, 2, 50, "periods");
        SettingCheck.Range(failures, "Indicators:TrendAlertPeriods", options.TrendAlertPeriods, 1, 50, "periods");
        if (options.TargetProfile.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            failures.Add($"Indicators:TargetProfile = '{options.TargetProfile}' is not allowed: give the name of a file in config/targets without .json.");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultRegion))
        {
            failures.Add("Indicators:DefaultRegion = '' is not allowed: give a region name such as 全国 or 全省.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
