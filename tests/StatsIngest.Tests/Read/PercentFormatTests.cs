using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A number a workbook shows with a percent format is the number shown: 0.058 under "0.0%" is 5.8% to the analyst who
/// reads the sheet, and was stored as a growth of 0.058% — a hundredth of it, silently. The workbooks (made with
/// openpyxl, saved by LibreOffice as .xlsx and as .xls) hold 0.058 as 0.0%, −0.021 under a format with a red negative
/// section, 5.8 under an escaped and a quoted percent sign (a literal, not a scale), 0.0123456789 as 0.00% (the number
/// kept whole, not rounded as shown) and 4.4 as General.
/// </summary>
public class PercentFormatTests
{
    [Theory]
    [InlineData("percent_formats.xlsx")]
    [InlineData("percent_formats_legacy.xls")]
    public void A_number_shown_as_a_percent_is_read_as_the_percent_shown(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(
        [
            "2023-01 5.8 % A ← 增速!F2 '5.8%'",
            "2023-02 -2.1 % A ← 增速!F3 '-2.1%'",
            "2023-03 5.8 % A ← 增速!F4 '5.8'",
            "2023-04 6.1 % A ← 增速!F5 '6.1'",
            "2023-05 1.23456789 % A ← 增速!F6 '1.23456789%'",
            "2023-06 4.4 % A ← 增速!F7 '4.4'",
        ], ReadWarningTests.Observations(output).Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"\s+", " ").Replace("IVA_ABOVE.广东省._T.YTD.YOY ", string.Empty, StringComparison.Ordinal)).ToArray());
    }

    [Theory]
    [InlineData("0%", new[] { true })]
    [InlineData("0.0%;[Red]\\-0.0%", new[] { true, true })]
    [InlineData("#,##0.00;-#,##0.00;0%", new[] { false, false, true })]
    [InlineData("0.0\\%", new[] { false })]
    [InlineData("0.0\"%\"", new[] { false })]
    [InlineData("0.0_%", new[] { false })]
    [InlineData("[$%-804]0.0", new[] { false })]
    [InlineData("General", new[] { false })]
    public void A_percent_sign_scales_only_where_it_is_not_quoted_escaped_or_bracketed(string format, bool[] sections) =>
        Assert.Equal(sections, StatsIngest.Read.NumberFormats.PercentSections(format));
}
