using System.Globalization;

namespace StatsIngest.Settings;

/// <summary>The one wording of a setting refused at start: the setting, the value found and what is allowed.</summary>
public static class SettingCheck
{
    /// <summary>Adds "Inbox:QuietPeriodSeconds = -1 is not allowed: use a number of seconds from 0 to 3600." when out of range.</summary>
    public static void Range(ICollection<string> failures, string setting, double value, double min, double max, string unit)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{setting} = {value} is not allowed: use a number of {unit} from {min} to {max}."));
        }
    }
}
