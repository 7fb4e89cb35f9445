using System.Globalization;
using Microsoft.Extensions.Options;

namespace StatsIngest.Hosting;

/// <summary>
/// Validation of the settings at start. Each failure is one line naming the setting, the value found and what is
/// allowed, so a service that refuses to start says exactly why.
/// </summary>
public sealed class OptionsValidators : IValidateOptions<DataOptions>, IValidateOptions<InboxOptions>, IValidateOptions<IndicatorOptions>, IValidateOptions<ReportOptions>, IValidateOptions<SourcesOptions>
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
        Range(failures, "Indicators:TrendSlopePeriods", options.TrendSlopePeriods, 2, 50, "periods");
        Range(failures, "Indicators:TrendAlertPeriods", options.TrendAlertPeriods, 1, 50, "periods");
        if (options.TargetProfile.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            failures.Add($"Indicators:TargetProfile = '{options.TargetProfile}' is not allowed: give the name of a file in config/targets without .json.");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultRegion))
        {
            failures.Add("Indicators:DefaultRegion = '' is not allowed: give a region name such as 全国 or 全省.");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, ReportOptions options) =>
        options.Language is "zh" or "en"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Report:Language = '{options.Language}' is not allowed: use zh (Chinese) or en (English).");

    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Items.Count; i++)
        {
            var s = options.Items[i];
            var at = $"Sources:{i}";
            if (!System.Text.RegularExpressions.Regex.IsMatch(s.Name, "^[A-Za-z0-9_-]{1,40}$") || !names.Add(s.Name))
            {
                failures.Add($"{at}:Name = '{s.Name}' is not allowed: give each source a unique name of letters, digits, - and _ (it is used in file names).");
            }

            if (s.Kind is not ("http" or "folder"))
            {
                failures.Add($"{at}:Kind = '{s.Kind}' is not allowed: use http or folder.");
            }
            else if (s.Kind == "http" && !Collect.SourcePlan.IsValidUrlTemplate(s.Url))
            {
                failures.Add($"{at}:Url = '{s.Url}' is not allowed: give an absolute http(s) address; {{yyyy}}, {{MM}}, {{M}}, {{yyyyMM}} and {{period}} are replaced by the period.");
            }
            else if (s.Kind == "folder" && string.IsNullOrWhiteSpace(s.Path))
            {
                failures.Add($"{at}:Path = '' is not allowed: give the folder (a local path or a mounted share) to collect from.");
            }

            if (!Quartz.CronExpression.TryParse(s.Schedule, out _))
            {
                failures.Add($"{at}:Schedule = '{s.Schedule}' is not allowed: give a Quartz cron expression with seconds, e.g. '0 0 10 15-25 * ?' (10:00 on the 15th to the 25th).");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
            {
                failures.Add($"{at}:TimeZone = '{s.TimeZone}' is not allowed: give an IANA time zone such as Asia/Shanghai.");
            }

            if (!Collect.SourcePlan.TryParseExpectedBy(s.ExpectedBy, out _))
            {
                failures.Add($"{at}:ExpectedBy = '{s.ExpectedBy}' is not allowed: write 'day 20 of the following month' or '25 days after the period'.");
            }

            Range(failures, $"{at}:MaxMegabytes", s.MaxMegabytes, 1, 2048, "megabytes");
            Range(failures, $"{at}:Retries", s.Retries, 0, 20, "retries");
            Range(failures, $"{at}:AttemptTimeoutSeconds", s.AttemptTimeoutSeconds, 0.1, 3600, "seconds");
            Range(failures, $"{at}:TotalTimeoutSeconds", s.TotalTimeoutSeconds, 0.1, 86400, "seconds");
            Range(failures, $"{at}:RetryDelaySeconds", s.RetryDelaySeconds, 0, 3600, "seconds");
            Range(failures, $"{at}:PeriodLagMonths", s.PeriodLagMonths, 0, 24, "months");
            Range(failures, $"{at}:LookbackMonths", s.LookbackMonths, 1, 120, "months");
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
