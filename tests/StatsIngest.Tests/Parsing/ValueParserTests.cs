using StatsIngest.Parsing;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Parsing;

public class ValueParserTests
{
    /// <summary>The parser with the words the service ships (config/codelists/vocabulary.json).</summary>
    private static ValueParser Values => Tables.Lexicon.Words.Values;

    [Theory]
    [InlineData("1210207", 1210207)]
    [InlineData("1,210,207.5", 1210207.5)]
    [InlineData("3.4", 3.4)]
    [InlineData("3.4%", 3.4)]
    [InlineData("-2.1", -2.1)]
    [InlineData("下降2.1%", -2.1)]
    [InlineData("增长3.4%", 3.4)]
    [InlineData("持平", 0)]
    [InlineData("增长1.37倍", 137)]
    [InlineData("１２．５", 12.5)]
    [InlineData("0.000", 0)]
    [InlineData("-0.5", -0.5)]
    [InlineData(".5", 0.5)]
    [InlineData(" 7.25 ", 7.25)]
    [InlineData("\u22122.1", -2.1)]
    [InlineData("\u20132.1%", -2.1)]
    [InlineData("\u20100.5", -0.5)]
    [InlineData("\u20112.1", -2.1)]
    [InlineData("123456789012345678901.5", 123456789012345678901.5)]
    public void Reads_numbers_as_published(string text, double expected)
    {
        var v = Values.Parse(text);
        Assert.Equal(ValueKind.Number, v.Kind);
        Assert.Equal(expected, v.Number!.Value, 10);
    }

    /// <summary>A footnote mark after a number is not a digit: "1234.5①" folded as text read as 1234.51, silently.</summary>
    [Theory]
    [InlineData("1234.5①", 1234.5, "①")]
    [InlineData("5.8⑫", 5.8, "⑫")]
    [InlineData("5.8²", 5.8, "²")]
    [InlineData("-2.1¹", -2.1, "¹")]
    [InlineData("1,234.5*", 1234.5, "*")]
    [InlineData("下降2.1%※", -2.1, "※")]
    [InlineData(" 7.25 ⑴ ", 7.25, "⑴")]
    [InlineData("5.8(1)", 5.8, "(1)")]
    [InlineData("5.8（注1）", 5.8, "（注1）")]
    public void A_footnote_mark_after_a_number_is_left_out_and_kept_to_be_said(string text, double expected, string mark)
    {
        var v = Values.Parse(text);

        Assert.Equal(ValueKind.Number, v.Kind);
        Assert.Equal(expected, v.Number!.Value, 10);
        Assert.Equal(mark, v.Footnote);
    }

    [Theory]
    [InlineData("1234.5")]
    [InlineData("①")]
    [InlineData("(12.3)")]
    public void Not_a_number_with_a_footnote_mark(string text) =>
        Assert.Null(Values.Parse(text).Footnote);

    [Theory]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("--5")]
    [InlineData("12a")]
    public void A_number_cut_short_or_with_more_is_not_read(string text) => Assert.False(Values.Parse(text).IsValid);

    [Theory]
    [InlineData("…")]
    [InlineData("...")]
    [InlineData("—")]
    [InlineData("--")]
    [InlineData("-")]
    [InlineData("\u2010")]
    [InlineData("\u2212")]
    [InlineData("／")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_markers_are_missing_never_zero(string text)
    {
        var v = Values.Parse(text);
        Assert.Equal(ValueKind.Missing, v.Kind);
        Assert.Null(v.Number);
    }

    [Fact]
    public void Percentage_points_are_recognised_as_a_change_not_a_rate()
    {
        var v = Values.Parse("提高1.2个百分点");
        Assert.Equal(ValueKind.PercentagePoints, v.Kind);
        Assert.Equal(1.2, v.Number);
        Assert.Equal(-0.5, Values.Parse("下降0.5个百分点").Number);
    }

    [Theory]
    [InlineData("三点零")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e309")]
    [InlineData("1e-400")]
    public void Text_that_is_no_number_is_invalid_with_the_text_in_the_error(string text)
    {
        var v = Values.Parse(text);
        Assert.Equal(ValueKind.Invalid, v.Kind);
        Assert.Contains(text, v.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.0e5", 0)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("1.23E+11", 123_000_000_000)]
    public void Zero_and_exponents_within_range_are_numbers(string text, double expected) =>
        Assert.Equal(expected, Values.Parse(text).Number);

    [Theory]
    [InlineData("#DIV/0!")]
    [InlineData("#N/A")]
    [InlineData("#ref!")]
    public void Excel_error_values_are_missing_and_marked(string text)
    {
        var v = Values.Parse(text);
        Assert.Equal(ValueKind.Missing, v.Kind);
        Assert.Equal(text.ToUpperInvariant(), v.ExcelErrorValue);
    }
}
