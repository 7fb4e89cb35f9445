using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A file in a format not read (.xlsb, .ods, .et, none) is refused naming its format, and how to save it as one that is;
/// a file named as a workbook that holds text, as web sites export, is read as text (a web page and an Excel 2003 XML
/// spreadsheet are read as what they are: <see cref="HtmlTableTests"/>, <see cref="SpreadsheetMlTests"/>).
/// </summary>
public class UnsupportedFileTests
{
    [Theory]
    [InlineData("统计.xlsb", "the extension '.xlsb'")]
    [InlineData("统计.ods", "the extension '.ods'")]
    [InlineData("统计.et", "the extension '.et'")]
    [InlineData("统计", "no extension.")]
    public void A_file_of_another_format_goes_to_quarantine_saying_how_to_save_it_as_xlsx(string name, string found)
    {
        using var tmp = new TempFolder();
        var path = tmp.File(name);
        File.Copy(Fixtures.Path("canonical_legacy.xls"), path);

        Assert.Equal(StatsIngestCli.FileProblems, CliRun.Run(["ingest", path, "--data", tmp.File("data")]).Code);

        var report = File.ReadAllText(tmp.File($"data/quarantine/{name}.error.txt"));
        Assert.Contains($"Expected a .csv, .xlsx or .xls file, found a file with {found}", report, StringComparison.Ordinal);
        Assert.Contains("If it is a workbook, save it as an Excel workbook (.xlsx)", report, StringComparison.Ordinal);
        Assert.Contains("另存为", report, StringComparison.Ordinal);
        Assert.True(File.Exists(tmp.File($"data/quarantine/{name}")));
    }

    [Theory]
    [InlineData("国家数据.xls", "\t", false)]
    [InlineData("导出.xlsx", ",", true)]
    public void A_text_table_named_as_a_workbook_is_read_as_text_with_a_warning_saying_so(string name, string separator, bool gb18030)
    {
        using var tmp = new TempFolder();
        var path = tmp.File(name);
        var text = string.Join(separator, "period", "region", "indicator", "basis", "measure", "value", "unit", "status") + "\n"
                   + string.Join(separator, "2021", "全国", "GDP", "year", "level", "1149237", "亿元", "final") + "\n";
        File.WriteAllBytes(path, gb18030 ? System.Text.Encoding.GetEncoding("GB18030").GetBytes(text) : System.Text.Encoding.UTF8.GetBytes(text));

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("GDP.全国._T.A.L", output, StringComparison.Ordinal);
        Assert.Contains("← CSV!F2 '1149237'", output, StringComparison.Ordinal);
        Assert.Contains($"This file is named {Path.GetExtension(name)} but holds text", output, StringComparison.Ordinal);
    }
}
