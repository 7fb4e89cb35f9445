using System.Text.RegularExpressions;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>Units as tables write them: "单位：亿元" rows, and a unit in brackets at the end of a label ("钢材（万吨）").</summary>
public static partial class UnitText
{
    /// <summary>"单位：亿元", "计量单位:万元" → the unit; null when the text is not a unit declaration.</summary>
    public static string? Declaration(string? text)
    {
        var m = DeclarationPattern().Match(Label.Fold(text));
        if (!m.Success)
        {
            return null;
        }

        // "单位：亿元、%" declares the unit of the levels and says growth rates are in %: the level unit is the one kept.
        var units = m.Groups["u"].Value.Split(['、', ',', '，', '/', ';', '；'], StringSplitOptions.RemoveEmptyEntries);
        return units.FirstOrDefault(u => u != "%") ?? units.FirstOrDefault();
    }

    /// <summary>The text in brackets at the end of a label: "钢材(万吨)" → ("钢材", "万吨").</summary>
    public static (string Text, string? Bracket) SplitBracket(string folded)
    {
        var m = TrailingBracket().Match(folded);
        return m.Success ? (folded[..m.Index], m.Groups["u"].Value) : (folded, null);
    }

    [GeneratedRegex(@"^(计量)?单位[:：]?(?<u>[^\s:：]{1,16})$")]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"\((?<u>[^()]{1,12})\)$")]
    private static partial Regex TrailingBracket();
}
