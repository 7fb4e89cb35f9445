using Microsoft.Extensions.Options;
using StatsIngest.Settings;

namespace StatsIngest.Collect;

/// <summary>
/// Checks the settings of collection at start (Data, Inbox, Sources). Each failure is one line naming the setting, the
/// value found and what is allowed, so a service that refuses to start says exactly why.
/// </summary>
public sealed class CollectionOptionsValidator : IValidateOptions<DataOptions>, IValidateOptions<InboxOptions>, IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Data:Directory = '{options.Directory}' is not allowed: give a folder path (relative paths are under the application folder).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        var failures = new List<string>();
        SettingCheck.Range(failures, "Inbox:QuietPeriodSeconds", options.QuietPeriodSeconds, 0, 3600, "seconds");
        SettingCheck.Range(failures, "Inbox:RescanIntervalSeconds", options.RescanIntervalSeconds, 1, 86400, "seconds");
        SettingCheck.Range(failures, "Inbox:TransientRetries", options.TransientRetries, 0, 20, "retries");
        SettingCheck.Range(failures, "Inbox:RetryDelaySeconds", options.RetryDelaySeconds, 0, 600, "seconds");
        SettingCheck.Range(failures, "Inbox:DeferredRetrySeconds", options.DeferredRetrySeconds, 1, 86400, "seconds");
        for (var i = 0; i < options.IgnoredNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.IgnoredNames[i]) || options.IgnoredNames[i].IndexOfAny(['/', '\\']) >= 0)
            {
                failures.Add($"Inbox:IgnoredNames:{i} = '{options.IgnoredNames[i]}' is not allowed: give a file name pattern (* and ? as wildcards), not a path.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

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
            else if (s.Kind == "http" && !SourcePlan.IsValidUrlTemplate(s.Url))
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

            if (!SourcePlan.TryParseExpectedBy(s.ExpectedBy, out _))
            {
                failures.Add($"{at}:ExpectedBy = '{s.ExpectedBy}' is not allowed: write 'day 20 of the following month' or '25 days after the period'.");
            }

            SettingCheck.Range(failures, $"{at}:MaxMegabytes", s.MaxMegabytes, 1, 2048, "megabytes");
            SettingCheck.Range(failures, $"{at}:Retries", s.Retries, 0, 20, "retries");
            SettingCheck.Range(failures, $"{at}:AttemptTimeoutSeconds", s.AttemptTimeoutSeconds, 0.1, 3600, "seconds");
            SettingCheck.Range(failures, $"{at}:TotalTimeoutSeconds", s.TotalTimeoutSeconds, 0.1, 86400, "seconds");
            SettingCheck.Range(failures, $"{at}:RetryDelaySeconds", s.RetryDelaySeconds, 0, 3600, "seconds");
            SettingCheck.Range(failures, $"{at}:PeriodLagMonths", s.PeriodLagMonths, 0, 24, "months");
            SettingCheck.Range(failures, $"{at}:LookbackMonths", s.LookbackMonths, 1, 120, "months");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
