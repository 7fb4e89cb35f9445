using System.Globalization;

namespace StatsIngest.Tests.TestSupport;

/// <summary>Runs a piece of a test under another culture (a decimal comma, another calendar), the test's own put back after.</summary>
public static class Cultures
{
    public static T Under<T>(string name, Func<T> run)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(name);
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
