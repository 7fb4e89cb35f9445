using System.Globalization;
using Microsoft.Extensions.Options;

namespace StatsIngest.Hosting;

/// <summary>
/// Validation of the settings at start. Each failure is one line naming the setting, the value found and what is
/// allowed, so a service that refuses to start says exactly why.
/// </summary>
public sealed class OptionsValidators : IValidateOptions<DataOptions>, IValidateOptions<InboxOptions>, IValidateOptions<IndicatorOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Data:Directory = '{options.Directory}' is not allowed: give a folder path (relative paths are under the application folder).");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Inbox:QuietPeriodSeconds", options.QuietPeriodSeconds, 0, 3600, "seconds");
        Range(failures, "Inbox:RescanIntervalSeconds", options.RescanIntervalSeconds, 1, 86400, "seconds");
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, IndicatorOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Indicators:BaselineContributionRate", options.BaselineContributionRate, 0, 100, "percent");
        if (string.IsNullOrWhiteSpace(options.DefaultRegion))
        {
            failures.Add("Indicators:DefaultRegion = '' is not allowed: give a region name such as 全国 or 全省.");
        }

        return Result(failures);
    }

    private static void Range(List<string> failures, string setting, double value, double min, double max, string unit)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{setting} = {value} is not allowed: use a number of {unit} from {min} to {max}."));
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
