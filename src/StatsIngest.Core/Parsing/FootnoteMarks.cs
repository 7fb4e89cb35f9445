using System.Text.RegularExpressions;

namespace StatsIngest.Parsing;

/// <summary>
/// A footnote mark a published table writes after a figure or a period ("5.8①", "1234.5*", "9.6²", "1-2月①",
/// "5.8（注1）"): circled, parenthesized or superscript digits, *, ※, †, or a note number in brackets. Folded as text the
/// digits among them are digits ("1234.5①" would read as 1234.51), so the mark is found and left out first.
/// </summary>
public static partial class FootnoteMarks
{
    /// <summary>The characters a footnote mark ends with (one is looked for before the mark is matched).</summary>
    private static readonly System.Buffers.SearchValues<char> FootnoteChars = System.Buffers.SearchValues.Create(
        "\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468\u2469\u246A\u246B\u246C\u246D\u246E\u246F\u2470\u2471\u2472\u2473"
        + "\u2474\u2475\u2476\u2477\u2478\u2479\u247A\u247B\u247C\u247D\u247E\u247F\u2480\u2481\u2482\u2483\u2484\u2485\u2486\u2487"
        + "\u2776\u2777\u2778\u2779\u277A\u277B\u277C\u277D\u277E\u277F\u2780\u2781\u2782\u2783\u2784\u2785\u2786\u2787\u2788\u2789"
        + "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079*\uFF0A\u203B\u2020\u2021");

    /// <summary>
    /// The text without the footnote mark that ends it (circled, parenthesized or superscript digits, *, ※, †, or
    /// "(注1)"), and the mark; the text as it is, and no mark, when none ends it or the mark is all there is.
    /// </summary>
    public static string Without(string text, out string? mark)
    {
        mark = null;
        var end = text.AsSpan().TrimEnd();
        if (end.Length < 2 || !(FootnoteChars.Contains(end[^1]) || end[^1] is ')' or '）'))
        {
            return text; // most texts: not a character a mark ends with
        }

        var match = FootnoteMark().Match(text, 0, end.Length);
        if (!match.Success || match.Index == 0)
        {
            return text;
        }

        mark = match.Value.Trim();
        return text[..match.Index];
    }

    /// <summary>A run of footnote characters, or a parenthesized note number ("(1)", "（注1）"), at the end (before white space).</summary>
    [GeneratedRegex(@"\s*(?:[\u2460-\u2487\u2776-\u2789\u2070\u00B9\u00B2\u00B3\u2074-\u2079*\uFF0A\u203B\u2020\u2021]+|[(（]\s*注?\s*\d{1,2}\s*[)）])\s*$")]
    private static partial Regex FootnoteMark();
}
