using Microsoft.Extensions.Options;

namespace StatsIngest.Report;

/// <summary>Checks the <c>Report</c> settings at start.</summary>
public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        if (options.Language is not ("zh" or "en"))
        {
            failures.Add($"Report:Language = '{options.Language}' is not allowed: use zh (Chinese) or en (English).");
        }

        if (options.Regions.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Report:Regions has an empty entry: give region names as the data names them (全国, 广东省 …), or * for every region.");
        }

        StatsIngest.Settings.SettingCheck.Range(failures, "Report:DriverPeriods", options.DriverPeriods, 1, 120, "periods");
        StatsIngest.Settings.SettingCheck.Range(failures, "Report:PanelYears", options.PanelYears, 1, 200, "years");
        StatsIngest.Settings.SettingCheck.Range(failures, "Report:DriverBatchGroups", options.DriverBatchGroups, 1, 1_000_000, "groups");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
