using StatsIngest.Cli;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A number a workbook shows with a percent format is the number shown: 0.058 under "0.0%" is 5.8% to the analyst who
/// reads the sheet, and was stored as a growth of 0.058% — a hundredth of it, silently. The workbooks (made with
/// openpyxl, saved by LibreOffice as .xlsx and as .xls) hold 0.058 as 0.0%, −0.021 under a format with a red negative
/// section, 5.8 under an escaped and a quoted percent sign (a literal, not a scale), 0.0123456789 as 0.00% (the number
/// kept whole, not rounded as shown) and 4.4 as General.
/// </summary>
public class NumberFormatTests
{
    /// <summary>
    /// A period typed as "2023年3月" into Excel or WPS becomes a date shown as <c>yyyy"年"m"月"</c>: read as the month shown
    /// (it was the date 2023-03-01, not a period, and refused); shown as a year, the year; shown as "4月" without a year,
    /// "4月" (the year the date holds is the one it was typed in); a whole date stays a date.
    /// </summary>
    [Theory]
    [InlineData("date_periods.xlsx")]
    [InlineData("date_periods_legacy.xls")]
    public void A_date_shown_as_a_month_or_a_year_is_read_as_that_period(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.Equal(StatsIngestCli.FileProblems, code);
        var observed = ReadWarningTests.ObservationsSpaced(output);
        Assert.Equal(["IVA_ABOVE.全国._T.M.YOY 2023-03 3.9 % A ← 数据!F2 '3.9'", "GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F3 '1204724'", "IVA_ABOVE.全国._T.M.YOY 2023-05 3.5 % A ← 数据!F6 '3.5'"], observed);
        Assert.Contains("(cell A4): Expected a period with a year, such as 2022, 2023-03, 2022-Q3, '2023年1—3月' or '2022年前三季度'. Found: '4月'.", output, StringComparison.Ordinal);
        Assert.Contains("(cell A5): Expected a period with a year, such as 2022, 2023-03, 2022-Q3, '2023年1—3月' or '2022年前三季度'. Found: '2023-06-30'.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yyyy\"年\"m\"月\"", "Month")]
    [InlineData("yyyy\\年m\\月", "Month")]
    [InlineData("mmm-yy", "Month")]
    [InlineData("[$-804]yyyy\"年\"", "Year")]
    [InlineData("m\"月\"", "MonthOnly")]
    [InlineData("m/d/yyyy", "Date")]
    [InlineData("yyyy-mm-dd h:mm", "Date")]
    [InlineData("[$-804]e\"年\"m\"月\"", "Date")]
    public void A_date_format_shows_a_date_a_month_or_a_year_by_its_codes(string format, string shown) =>
        Assert.Equal(shown, NumberFormats.Dates(format).ToString());

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
        ], ReadWarningTests.ObservationsSpaced(output).Select(l => l.Replace("IVA_ABOVE.广东省._T.YTD.YOY ", string.Empty, StringComparison.Ordinal)).ToArray());
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
        Assert.Equal(sections, NumberFormats.Scales(format).Select(s => s.Percent));

    /// <summary>Excel's percent button gives the built-in formats 9 ("0%") and 10 ("0.00%"), named by index only (openpyxl writes them so): read as shown.</summary>
    [Fact]
    public void A_number_under_a_built_in_percent_format_is_read_as_the_percent_shown()
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("builtin_percent.xlsx"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(["2023-01 5.8 % A ← 增速!F2 '5.8%'", "2023-02 2.15 % A ← 增速!F3 '2.15%'", "2023-03 1204724000 % A ← 增速!F4 '1204724000'"],
            ReadWarningTests.ObservationsSpaced(output).Select(l => l.Replace("IVA_ABOVE.广东省._T.YTD.YOY ", string.Empty, StringComparison.Ordinal)));
    }

    /// <summary>1,204,724,000 under "#,##0," shows 1,204,724: with the unit 千元 beside it, 12.04724 亿元 (it was read as 12,047.24).</summary>
    [Fact]
    public void A_number_shown_in_thousands_is_read_as_shown()
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("thousands_format.xlsx"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(["GDP.全国._T.A.L 2022 12.04724 亿元 A ← 产值!F2 '1204724' × 1E-05", "GDP.全国._T.A.L 2021 1149237 亿元 A ← 产值!F3 '1149237'"],
            ReadWarningTests.ObservationsSpaced(output));
    }

    /// <summary>
    /// 元 shown as 万元 by writing a point into the digits ("0!.0000", "0\\.0000", '#,##0"."0,': the digits of 12047240000
    /// shown as 1204724.0000): read as shown, so the 万元 beside it is right (it was read as 12047240000 万元).
    /// </summary>
    [Fact]
    public void A_number_shown_in_wan_by_a_point_written_into_its_digits_is_read_as_shown()
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("wan_format.xlsx"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(
        [
            "GDP.全国._T.A.L 2022 120.4724 亿元 A ← 产值!F2 '1204724' × 0.0001",
            "GDP.全国._T.A.L 2021 114.9237 亿元 A ← 产值!F3 '1149237' × 0.0001",
            "GDP.全国._T.A.L 2020 101.5986 亿元 A ← 产值!F4 '1015986' × 0.0001",
            "GDP.全国._T.A.L 2019 98.65152 亿元 A ← 产值!F5 '986515.2' × 0.0001",
        ], ReadWarningTests.ObservationsSpaced(output));
    }

    [Theory]
    [InlineData("0!.0000", 4, 0)]
    [InlineData("0\\.0000", 4, 0)]
    [InlineData("#,##0\".\"0,", 1, 1)]
    [InlineData("0.0000", 0, 0)]
    [InlineData("0\\!.0000", 0, 0)]
    [InlineData("\".\"0", 0, 0)]
    public void A_point_written_into_the_digits_shifts_them(string format, int shifted, int thousands) =>
        Assert.Equal((shifted, thousands), (NumberFormats.Scales(format)[0].Shifted, NumberFormats.Scales(format)[0].Thousands));

    [Theory]
    [InlineData("#,##0,", new[] { 1 })]
    [InlineData("#,##0", new[] { 0 })]
    [InlineData("0.0,,", new[] { 2 })]
    [InlineData("#,##0,\"千元\"", new[] { 1 })]
    [InlineData("[$-804]#,##0,;[Red]-#,##0,", new[] { 1, 1 })]
    [InlineData("#,##0.00;-#,##0.00;\"-\"", new[] { 0, 0, 0 })]
    [InlineData("yyyy,mm", new[] { 0 })]
    public void A_comma_after_the_last_digit_placeholder_shows_a_number_in_thousands(string format, int[] thousands) =>
        Assert.Equal(thousands, NumberFormats.Scales(format).Select(s => s.Thousands));

    /// <summary>
    /// A period typed as 2023.10 becomes in Excel the number 2023.1; a column of such periods is given the format "0.00"
    /// so that it shows 2023.10 (and 2023.01 for January). Read as the number's text, October was 2023.1: January — a
    /// file of one October stored as January, silently (here two Januaries conflicted). The zeros a format always writes
    /// after a number's decimals are now part of its text; a value's digits are never rounded to the format.
    /// </summary>
    [Theory]
    [InlineData("periods_as_numbers.xlsx")]
    [InlineData("periods_as_numbers_legacy.xls")] // saved by LibreOffice
    public void A_period_typed_as_a_number_is_read_with_the_zeros_its_format_shows(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(
        [
            "IVA_ABOVE.全国._T.YTD.YOY 2023-01 4.3 % A ← 月度!F2 '4.3'",
            "IVA_ABOVE.全国._T.YTD.YOY 2023-02 4.6 % A ← 月度!F3 '4.6'",
            "IVA_ABOVE.全国._T.YTD.YOY 2023-09 4.2 % A ← 月度!F4 '4.2'",
            "IVA_ABOVE.全国._T.YTD.YOY 2023-10 4.4 % A ← 月度!F5 '4.4'",
            "IVA_ABOVE.全国._T.YTD.YOY 2023-11 4.5 % A ← 月度!F6 '4.5'",
            "IVA_ABOVE.全国._T.YTD.YOY 2023-12 4.6 % A ← 月度!F7 '4.6'",
        ], ReadWarningTests.ObservationsSpaced(output));
    }

    [Fact]
    public void A_period_that_is_the_number_2023_1_is_read_as_january_with_a_warning_that_october_may_have_been_meant()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("十月.xlsx");
        var header = string.Concat(new[] { "period", "region", "indicator", "basis", "measure", "value", "unit" }
            .Select((h, i) => HostileFiles.Text($"{(char)('A' + i)}1", h)));
        var row = string.Concat(new[] { "全国", "IVA_ABOVE", "ytd", "yoy" }.Select((t, i) => HostileFiles.Text($"{(char)('B' + i)}2", t)));
        HostileFiles.Xlsx(path, "", wholeSheet: $"""
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1">{header}</row><row r="2"><c r="A2"><v>2023.1</v></c>{row}<c r="F2"><v>4.4</v></c>{HostileFiles.Text("G2", "%")}</row>
            </sheetData></worksheet>
            """);
        var csv = tmp.File("一月.csv");
        File.WriteAllText(csv, "period,region,indicator,basis,measure,value,unit\n2023.1,全国,IVA_ABOVE,ytd,yoy,4.3,%\n");

        var (code, output) = ReadWarningTests.Validate(path);
        var (csvCode, csvOutput) = ReadWarningTests.Validate(csv);

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Equal(["IVA_ABOVE.全国._T.YTD.YOY 2023-01 4.4 % A ← 表1!F2 '4.4'"], ReadWarningTests.ObservationsSpaced(output));
        Assert.Contains("(cell A2): This period is the number 2023.1, read as 2023-01; Excel makes 2023.10 (October) typed into a cell the same number.", output, StringComparison.Ordinal);
        Assert.Equal((StatsIngestCli.Ok, false), (csvCode, csvOutput.Contains("This period is the number", StringComparison.Ordinal))); // text is what was written
    }

    [Theory]
    [InlineData(2023.1, "0.00", "2023.10")]
    [InlineData(2023.01, "0.00", "2023.01")]
    [InlineData(5.8, "0.00", "5.80")]
    [InlineData(5.8333, "0.0", "5.8333")] // never rounded
    [InlineData(5.0, "0.0#", "5")] // a whole number stays whole: a year under "0.00" is still the year
    [InlineData(5.0, "#.##", "5")]
    [InlineData(0.058, "0.00%", "5.80%")]
    [InlineData(-2.1, "0.00;[Red]-0.000", "-2.100")]
    [InlineData(12047240000.0, "0!.0000", "1204724")]
    [InlineData(1204724500.0, "#,##0.00,", "1204724.50")]
    [InlineData(1.5e20, "0.00", "1.5E+20")]
    [InlineData(2023.0, "General", "2023")]
    [InlineData(2023.0, "0.00\\年", "2023")]
    public void A_number_is_shown_with_the_zeros_its_format_always_writes(double value, string format, string text) =>
        Assert.Equal(text, NumberFormats.Text(value, NumberFormats.Scales(format)));
}
