using System.Text.RegularExpressions;
using StatsIngest.Messages;

namespace StatsIngest.Report;

/// <summary>
/// The words of the workbook in the language of <c>Report:Language</c>: Chinese as written in the code, English
/// through config/report/words.json and the code lists' names (<see cref="WorkbookWords"/>), and period labels
/// ("2023年1—6月" → "2023 Jan–Jun"). Text without an entry (what the input said, as published) stays as it is.
/// </summary>
internal static partial class Words
{
    [ThreadStatic]
    private static bool EnglishOnThisThread;

    [ThreadStatic]
    private static WorkbookWords? WordsOnThisThread;

    public static bool English => EnglishOnThisThread;

    private static WorkbookWords Current => WordsOnThisThread ?? WorkbookWords.Empty;

    /// <summary>Sets the language and the words for the workbook being built on this thread; dispose to restore.</summary>
    public static IDisposable Use(string language, WorkbookWords words)
    {
        var previous = (EnglishOnThisThread, WordsOnThisThread);
        EnglishOnThisThread = language == "en";
        WordsOnThisThread = words;
        return new Restore(previous);
    }

    /// <summary>The English for a Chinese text of the workbook (a word, a unit, a name) when the language is English; otherwise the text.</summary>
    public static string T(string zh)
    {
        if (!EnglishOnThisThread || string.IsNullOrEmpty(zh))
        {
            return zh;
        }

        return Current.English(zh) ?? PeriodLabel(zh) ?? zh;
    }

    /// <summary>A note the indicators wrote (English, as stored) in the workbook's language (<see cref="WorkbookWords.Note"/>).</summary>
    public static string Note(string? note) => string.IsNullOrEmpty(note) ? string.Empty : Current.Note(note, EnglishOnThisThread);

    /// <summary>
    /// A text the reader or the ingest stored (a file's warning, a line of how its layout was found, why a file was
    /// quarantined) in the workbook's language; a text stored before messages were, as a note (<see cref="Note"/>).
    /// </summary>
    public static string Stored(string? stored) =>
        string.IsNullOrEmpty(stored) ? string.Empty
        : Msg.IsEncoded(stored) ? Msg.Decode(stored).Render(EnglishOnThisThread ? MessageCatalog.English : Current.Chinese)
        : Note(stored);

    /// <summary>A metric of config/targets (revenue, units produced …) in the workbook's language.</summary>
    public static string Metric(string metric) => EnglishOnThisThread ? metric : Current.MetricZh(metric) ?? metric;

    /// <summary>"2021年" → "2021", "2023年3月" → "2023 Mar", "2023年1—6月" → "2023 Jan–Jun", "2022年前三季度" → "2022 Q1–Q3".</summary>
    private static string? PeriodLabel(string zh)
    {
        var m = Period().Match(zh);
        if (!m.Success)
        {
            return null;
        }

        var year = m.Groups["y"].Value;
        var rest = m.Groups["rest"].Value;
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        string Month(string n) => months[int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) - 1];
        if (rest.Length == 0)
        {
            return year;
        }

        var span = Span().Match(rest);
        if (span.Success)
        {
            return $"{year} {Month(span.Groups["a"].Value)}–{Month(span.Groups["b"].Value)}";
        }

        var single = SingleMonth().Match(rest);
        if (single.Success)
        {
            return $"{year} {Month(single.Groups["m"].Value)}";
        }

        return rest switch
        {
            "一季度" => $"{year} Q1",
            "上半年" => $"{year} H1",
            "前三季度" => $"{year} Q1–Q3",
            "全年" => $"{year} (year)",
            "第1季度" or "第一季度" => $"{year} Q1",
            "第2季度" or "第二季度" => $"{year} Q2",
            "第3季度" or "第三季度" => $"{year} Q3",
            "第4季度" or "第四季度" => $"{year} Q4",
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<y>\d{4})年(?<rest>.*)$")]
    private static partial Regex Period();

    [GeneratedRegex(@"^(?<a>\d{1,2})—(?<b>\d{1,2})月$")]
    private static partial Regex Span();

    [GeneratedRegex(@"^(?<m>\d{1,2})月$")]
    private static partial Regex SingleMonth();

    private sealed class Restore((bool English, WorkbookWords? Words) previous) : IDisposable
    {
        public void Dispose() => (EnglishOnThisThread, WordsOnThisThread) = previous;
    }
}
