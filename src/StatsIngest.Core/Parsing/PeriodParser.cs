using System.Globalization;
using System.Text.RegularExpressions;

namespace StatsIngest.Parsing;

/// <summary>
/// Reads the periods of Chinese statistical tables: 2022年1-6月, 1—6月份, 1~2月, 1至6月, 上半年, 前三季度, 一季度,
/// 全年, 2024年12月, 2021年, 2022年第三季度, and the codes 2022, 2022-Q3, 2023-03 — with every dash variant.
/// </summary>
public static partial class PeriodParser
{
    private const string Dashes = "-–—―~～至到";

    public static bool TryParse(string? text, out ParsedPeriod period)
    {
        period = default;
        text = text is null ? null : FootnoteMarks.Without(text, out _); // "1-2月①": the period, its note's mark left out

        var s = Label.Fold(text);
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var d in Dashes)
        {
            s = s.Replace(d, '-');
        }

        s = s.Replace("份", string.Empty, StringComparison.Ordinal);

        var m = Code().Match(s);
        if (m.Success)
        {
            var y = Int(m.Groups["y"].Value);
            if (m.Groups["q"].Success)
            {
                var q = Int(m.Groups["q"].Value);
                period = new ParsedPeriod(y, q * 3 - 2, q * 3, true);
                return q is >= 1 and <= 4;
            }

            if (m.Groups["m"].Success)
            {
                var mo = Int(m.Groups["m"].Value);
                period = new ParsedPeriod(y, mo, mo, false, true);
                return mo is >= 1 and <= 12;
            }

            period = new ParsedPeriod(y, 1, 12, false);
            return true;
        }

        m = Chinese().Match(s);
        if (!m.Success)
        {
            return false;
        }

        int? year = m.Groups["y"].Success ? Int(m.Groups["y"].Value) : null;
        var rest = m.Groups["rest"].Value;
        if (rest.Length == 0 || rest is "全年" or "年度")
        {
            if (year is null)
            {
                if (rest is "全年")
                {
                    period = new ParsedPeriod(null, 1, 12, false);
                    return true;
                }

                return false;
            }

            period = new ParsedPeriod(year, 1, 12, false);
            return true;
        }

        switch (rest)
        {
            case "上半年":
                period = new ParsedPeriod(year, 1, 6, true);
                return true;
            case "下半年":
                period = new ParsedPeriod(year, 7, 12, true);
                return true;
        }

        var qm = Quarter().Match(rest);
        if (qm.Success)
        {
            var n = Numeral(qm.Groups["n"].Value);
            if (n is < 1 or > 4)
            {
                return false;
            }

            var cumulative = qm.Groups["pre"].Value == "前";
            period = new ParsedPeriod(year, cumulative || n == 1 ? 1 : n * 3 - 2, n * 3, true);
            return true;
        }

        var mm = Months().Match(rest);
        if (mm.Success)
        {
            var end = Numeral(mm.Groups["end"].Value);
            var start = mm.Groups["start"].Success ? Numeral(mm.Groups["start"].Value) : end;
            if (start is < 1 or > 12 || end is < 1 or > 12 || start > end)
            {
                return false;
            }

            period = new ParsedPeriod(year, start, end, false, true);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Finds a period written inside a longer text, such as a title ("2023年12月份规模以上工业生产主要数据",
    /// "2022年前三季度地区生产总值", "1—6月份全省工业"): the first one with a year, else the first one.
    /// </summary>
    public static bool TryFind(string? text, out ParsedPeriod period, out string found)
    {
        period = default;
        found = string.Empty;
        var s = Label.Fold(text);
        var withoutYear = (Period: default(ParsedPeriod), Text: string.Empty);
        foreach (Match m in Embedded().Matches(s))
        {
            if (!TryParse(m.Value, out var p))
            {
                continue;
            }

            if (p.Year is not null)
            {
                period = p;
                found = m.Value;
                return true;
            }

            if (withoutYear.Text.Length == 0)
            {
                withoutYear = (p, m.Value);
            }
        }

        (period, found) = withoutYear;
        return found.Length > 0;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Arabic digits or Chinese numerals up to 十二.</summary>
    private static int Numeral(string s)
    {
        if (s.Length > 0 && char.IsAsciiDigit(s[0]))
        {
            return Int(s);
        }

        const string digits = "零一二三四五六七八九";
        return s switch
        {
            "十" => 10,
            "十一" => 11,
            "十二" => 12,
            _ when s.Length == 1 && digits.Contains(s[0], StringComparison.Ordinal) => digits.IndexOf(s[0], StringComparison.Ordinal),
            _ => -1,
        };
    }

    [GeneratedRegex(@"((19|20|21)\d{2}年)?(\d{1,2}月?[-–—―~～至到]\d{1,2}月份?|\d{1,2}月份?|上半年|下半年|前三季度|第[一二三四1-4]季度|[一二三四1-4]季度|全年|年度)|(19|20|21)\d{2}年")]
    private static partial Regex Embedded();

    [GeneratedRegex(@"^(?<y>(19|20|21)\d{2})(([-./]?(?<m>\d{1,2}))|(-?[Qq](?<q>\d)))?$")]
    private static partial Regex Code();

    [GeneratedRegex(@"^((?<y>(19|20|21)\d{2})年)?(?<rest>.*)$")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^(?<pre>前|第)?(?<n>[一二三四1-4])季度?$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^((?<start>\d{1,2}|[一二三四五六七八九十]+)月?-)?(?<end>\d{1,2}|[一二三四五六七八九十]+)月$")]
    private static partial Regex Months();
}
