using Microsoft.Extensions.Options;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Normalize.Tidy;
using StatsIngest.Parsing;
using StatsIngest.Settings;

namespace StatsIngest.Normalize;

/// <summary>Checks the <c>Layouts</c> settings at start against the profiles and the vocabulary; each failure is one line.</summary>
public sealed class LayoutOptionsValidator(TableLexicon lexicon, ProfileCatalog profiles) : IValidateOptions<LayoutOptions>
{
    public ValidateOptionsResult Validate(string? name, LayoutOptions options)
    {
        var failures = new List<string>();
        SettingCheck.Range(failures, "Layouts:HeadlineErrorBudget", options.HeadlineErrorBudget, 0, 1000, "cells");
        SettingCheck.Range(failures, "Layouts:DetailErrorBudget", options.DetailErrorBudget, 0, 100000, "cells");

        var layouts = profiles.Names.Prepend(TidyTableReader.ProfileName).ToArray();
        for (var i = 0; i < options.Rules.Count; i++)
        {
            failures.AddRange(Check(options.Rules[i], $"Layouts:Rules:{i}", layouts));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Check(SourceRule rule, string at, string[] layouts)
    {
        if (string.IsNullOrWhiteSpace(rule.FileNamePattern))
        {
            yield return $"{at}:FileNamePattern = '' is not allowed: give a file-name pattern such as *统计月报*.xls.";
        }

        if (rule.Layout is { Length: > 0 } l && !layouts.Contains(l, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{at}:Layout = '{l}' is not allowed: use one of {string.Join(", ", layouts)}.";
        }

        if (rule.Period is { Length: > 0 } p && (!PeriodParser.TryParse(p, out var parsed) || parsed.Year is null))
        {
            yield return $"{at}:Period = '{p}' is not allowed: give a period with a year, such as 2023-06, 2022, 2022-Q3 or 2023年1—6月.";
        }

        if (rule.Status is { Length: > 0 } st && lexicon.Words.Statuses.Find(st) is null)
        {
            yield return $"{at}:Status = '{st}' is not allowed: use final, provisional, estimated (or 最终核实, 初步核算, 估计).";
        }

        if (rule.Indicator is { Length: > 0 } ind && lexicon.Codes.Indicators.Match(ind) is null)
        {
            yield return $"{at}:Indicator = '{ind}' is not allowed: give a code or name of config/codelists/indicators.json.";
        }

        if (rule.HeadlineErrorBudget is < 0 || rule.DetailErrorBudget is < 0)
        {
            yield return $"{at}: an error budget below 0 is not allowed.";
        }
    }
}
