using System.Globalization;
using System.Text.RegularExpressions;
using StatsIngest.Domain;

namespace StatsIngest.Collect;

/// <summary>
/// What a source's settings mean: the URL of a period ("{yyyy}", "{MM}", "{M}", "{yyyyMM}", "{period}"), when a
/// period's file is due ("day 20 of the following month", "10 days after the period"), and which period a scheduled
/// run fetches.
/// </summary>
public static partial class SourcePlan
{
    public static string ExpandUrl(string template, ReportingPeriod period) =>
        template.Replace("{yyyyMM}", period.Year.ToString("D4", CultureInfo.InvariantCulture) + period.EndMonth.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{yyyy}", period.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", period.EndMonth.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{M}", period.EndMonth.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{period}", period.Code, StringComparison.Ordinal);

    /// <summary>True when the template expands to an absolute http(s) address.</summary>
    public static bool IsValidUrlTemplate(string? template) =>
        template is { Length: > 0 }
        && Uri.TryCreate(ExpandUrl(template, ReportingPeriod.ForMonth(2023, 3)), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);

    /// <summary>Parses an expected-by rule; null text means no deadline.</summary>
    public static bool TryParseExpectedBy(string? text, out Func<ReportingPeriod, DateOnly>? due)
    {
        due = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var m = DayOfFollowingMonth().Match(text.Trim());
        if (m.Success)
        {
            var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (day is < 1 or > 28)
            {
                return false;
            }

            due = p => new DateOnly(p.Year, p.EndMonth, 1).AddMonths(1).AddDays(day - 1);
            return true;
        }

        m = DaysAfter().Match(text.Trim());
        if (m.Success)
        {
            var days = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            due = p => new DateOnly(p.Year, p.EndMonth, 1).AddMonths(1).AddDays(days - 1);
            return true;
        }

        return false;
    }

    /// <summary>The month a scheduled run at <paramref name="localTime"/> fetches: <paramref name="lagMonths"/> months earlier.</summary>
    public static ReportingPeriod PeriodFor(DateTime localTime, int lagMonths)
    {
        var d = new DateTime(localTime.Year, localTime.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-lagMonths);
        return ReportingPeriod.ForMonth(d.Year, d.Month);
    }

    /// <summary>
    /// The periods a scheduled run asks for: the target month, and the <paramref name="lookbackMonths"/> − 1 months
    /// before it that <paramref name="delivered"/> says have not arrived yet, oldest first.
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> PeriodsToFetch(ReportingPeriod target, int lookbackMonths, Func<ReportingPeriod, bool> delivered)
    {
        var periods = new List<ReportingPeriod> { target };
        var p = target;
        for (var i = 1; i < lookbackMonths; i++)
        {
            p = p.Previous();
            if (!delivered(p))
            {
                periods.Add(p);
            }
        }

        periods.Reverse();
        return periods;
    }

    [GeneratedRegex(@"^day\s+(?<d>\d{1,2})\s+of\s+the\s+following\s+month$", RegexOptions.IgnoreCase)]
    private static partial Regex DayOfFollowingMonth();

    [GeneratedRegex(@"^(?<n>\d{1,3})\s+days?\s+after\s+the\s+period$", RegexOptions.IgnoreCase)]
    private static partial Regex DaysAfter();
}
