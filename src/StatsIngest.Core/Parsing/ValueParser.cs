using System.Globalization;
using System.Text.RegularExpressions;

namespace StatsIngest.Parsing;

/// <summary>
/// Reads the values of Chinese statistical tables with the invariant culture: "1,234.5", "3.4%", "下降2.1%" (−2.1),
/// "持平" (0), "增长1.37倍" (+137), "1.2个百分点" (a pp change), and the missing markers "…", "—", "--", "-", "／", "x"
/// and blank (missing, never zero) — the words of <see cref="ValueWords"/> (config/codelists/vocabulary.json, "values").
/// Excel's error values (#DIV/0!, #N/A …) are missing too, marked as such so the reader warns about them; a formula
/// ('=…', a workbook's formula never computed) is no value, marked so the reader says why.
/// A footnote mark after a number ("5.8①", "1234.5*", "5.8²", "5.8（注1）") is left out of it and kept to be said: folded
/// as text, "①" and "²" would be digits (1234.5① read as 1234.51).
/// </summary>
public sealed partial class ValueParser(ValueWords words)
{
    private readonly HashSet<string> _missing = new(words.Missing.Select(Label.Fold).Append(string.Empty), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unchanged = new(words.Unchanged.Select(Label.Fold), StringComparer.Ordinal);
    private readonly string[] _falls = Folded(words.Falls);
    private readonly string[] _rises = Folded(words.Rises);
    private readonly string[] _percentagePoints = Folded(words.PercentagePoints);
    private readonly string[] _times = Folded(words.Times);

    /// <summary>The error values Excel (and WPS) show in a cell whose formula failed.</summary>
    private static readonly HashSet<string> ExcelErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        "#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
    };

    /// <summary>Folded, longest first: the longest word that fits is the one read.</summary>
    private static string[] Folded(IEnumerable<string> list) =>
        [.. list.Select(Label.Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];

    public ParsedValue Parse(string? text)
    {
        // Most cells of a machine-written table are plain decimals ("1234.5", "-2.1"): read at once, as below they would be.
        if (IsPlainDecimal(text) && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            return ParsedValue.Of(plain);
        }

        string? mark = null;
        var figure = text is null ? null : FootnoteMarks.Without(text, out mark);
        if (mark is not null)
        {
            var number = Parse(figure);
            if (number.Kind is ValueKind.Number or ValueKind.PercentagePoints)
            {
                return number with { Footnote = mark };
            }
        }

        var s = Label.Fold(text);
        if (_missing.Contains(s))
        {
            return ParsedValue.Missing;
        }

        if (s.Length > 1 && s[0] is '\u2212' or '\u2013' or '\u2010' && (char.IsAsciiDigit(s[1]) || s[1] == '.'))
        {
            // A typeset minus sign, an en dash or a hyphen before a number ("−2.1", "–2.1", "‐0.5"; a non-breaking hyphen
            // folds to the hyphen), as publications and word processors print it.
            s = "-" + s[1..];
        }

        if (ExcelErrors.Contains(s))
        {
            return ParsedValue.ExcelError(s.ToUpperInvariant());
        }

        if (s.Length > 1 && s[0] == '=')
        {
            return ParsedValue.UncomputedFormula(text!.Trim());
        }

        if (_unchanged.Contains(s))
        {
            return ParsedValue.Of(0);
        }

        var sign = 1.0;
        if (Starting(_falls, s) is { } fall)
        {
            sign = -1;
            s = s[fall.Length..];
        }
        else if (Starting(_rises, s) is { } rise)
        {
            s = s[rise.Length..];
        }

        if (Ending(_percentagePoints, s) is { } points)
        {
            return TryNumber(s[..^points.Length], out var pp)
                ? ParsedValue.PercentagePoints(sign * pp)
                : ParsedValue.Invalid($"'{text}' is not a change in percentage points");
        }

        if (Ending(_times, s) is { } times)
        {
            return TryNumber(s[..^times.Length], out var multiple)
                ? ParsedValue.Of(Math.Round(sign * multiple * 100, 10))
                : ParsedValue.Invalid($"'{text}' is not a multiple (expected e.g. 增长1.37倍)");
        }

        var percent = s.EndsWith('%');
        if (percent)
        {
            s = s[..^1];
        }

        return TryNumber(s, out var n)
            ? ParsedValue.Of(sign * n) with { Percent = percent }
            : ParsedValue.Invalid($"'{text}' is not a number");
    }

    private static string? Starting(string[] words, string s) => Array.Find(words, w => s.StartsWith(w, StringComparison.Ordinal));

    private static string? Ending(string[] words, string s) => Array.Find(words, w => s.EndsWith(w, StringComparison.Ordinal));

    /// <summary>An optional minus, digits, and optionally a point and digits; short enough that no digit is lost to zero.</summary>
    private static bool IsPlainDecimal(string? s)
    {
        if (s is null || s.Length is 0 or > 24)
        {
            return false;
        }

        var i = s[0] == '-' ? 1 : 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] != '.')
        {
            return false;
        }

        start = ++i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i > start && i == s.Length;
    }

    private static bool TryNumber(string s, out double value)
    {
        value = 0;
        if (s.Length == 0 || !NumberShape().IsMatch(s))
        {
            return false;
        }

        // Finite, and not a non-zero figure too small for a double (1e-400 would read as 0).
        return double.TryParse(s.Replace(",", string.Empty, StringComparison.Ordinal),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
            && (value != 0 || !s.Split('e', 'E')[0].Any(c => c is >= '1' and <= '9'));
    }

    [GeneratedRegex(@"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex NumberShape();
}
