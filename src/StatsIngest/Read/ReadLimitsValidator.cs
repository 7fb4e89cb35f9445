using Microsoft.Extensions.Options;
using StatsIngest.Settings;

namespace StatsIngest.Read;

/// <summary>Checks the <c>Limits</c> settings at start; each failure is one line.</summary>
public sealed class ReadLimitsValidator : IValidateOptions<ReadLimits>
{
    public ValidateOptionsResult Validate(string? name, ReadLimits options)
    {
        var failures = new List<string>();
        SettingCheck.Range(failures, "Limits:MaxFileMegabytes", options.MaxFileMegabytes, 1, 10240, "megabytes");
        SettingCheck.Range(failures, "Limits:MaxRows", options.MaxRows, 1, 1_048_576, "rows");
        SettingCheck.Range(failures, "Limits:MaxCellsPerSheet", options.MaxCellsPerSheet, 1, 100_000_000, "cells");
        SettingCheck.Range(failures, "Limits:MaxCellCharacters", options.MaxCellCharacters, 1, 32_767, "characters");
        SettingCheck.Range(failures, "Limits:MaxXmlPartMegabytes", options.MaxXmlPartMegabytes, 1, 10240, "megabytes");
        SettingCheck.Range(failures, "Limits:MaxHtmlMegabytes", options.MaxHtmlMegabytes, 1, 1024, "megabytes");
        SettingCheck.Range(failures, "Limits:MaxSharedStrings", options.MaxSharedStrings, 1, 100_000_000, "strings");
        SettingCheck.Range(failures, "Limits:MinYear", options.MinYear, 1949, 2200, "years");
        if (options.MaxYear != 0)
        {
            SettingCheck.Range(failures, "Limits:MaxYear", options.MaxYear, options.MinYear, 2200, "years");
        }

        SettingCheck.Range(failures, "Limits:FileSeconds", options.FileSeconds, 1, 86400, "seconds");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
