using Microsoft.Extensions.Options;

namespace StatsIngest.Report;

/// <summary>Checks the <c>Report</c> settings at start.</summary>
public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options) =>
        options.Language is "zh" or "en"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Report:Language = '{options.Language}' is not allowed: use zh (Chinese) or en (English).");
}
