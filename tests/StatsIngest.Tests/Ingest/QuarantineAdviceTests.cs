using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary>
/// The quarantine report's "What to do" fits what went wrong: a file whose content was not understood is told how to
/// teach StatsIngest (aliases, words, rules); a file that could not be read at all is told to be saved again or sent
/// again; a file over a configured limit is told which setting holds it — in English and in Chinese.
/// </summary>
public class QuarantineAdviceTests
{
    private const string Teach = "an alias in config/codelists/";
    private const string SaveAgain = "What to do: the file itself could not be read";
    private const string RaiseLimit = "What to do: the file is larger than a configured limit";

    [Fact]
    public void A_file_whose_content_was_not_understood_is_told_how_to_teach_statsingest()
    {
        var report = Quarantined("bad.csv", path => File.WriteAllText(path,
            "period,region,indicator,basis,measure,value,unit,status\n2021,全国,GDP,year,level,4.x,亿元,final\n"));

        Assert.Contains(Teach, report, StringComparison.Ordinal);
        Assert.DoesNotContain(SaveAgain, report, StringComparison.Ordinal);
        Assert.DoesNotContain(RaiseLimit, report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("统计.ods")]
    [InlineData("损坏.xlsx")]
    [InlineData("空.xls")]
    public void A_file_that_could_not_be_read_at_all_is_told_to_be_saved_or_sent_again_not_to_teach_aliases(string name)
    {
        var report = Quarantined(name, path =>
        {
            if (name.EndsWith(".ods", StringComparison.Ordinal))
            {
                File.Copy(Fixtures.Path("canonical_legacy.xls"), path);
            }
            else if (name.EndsWith(".xlsx", StringComparison.Ordinal))
            {
                File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
            }
            else
            {
                File.WriteAllBytes(path, []);
            }
        });

        Assert.Contains(SaveAgain, report, StringComparison.Ordinal);
        Assert.Contains("处理办法：文件本身无法读取", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Teach, report, StringComparison.Ordinal);
    }

    /// <summary>A workbook whose sheet was cut short (its XML ends inside its elements) is refused while its first rows are read: the report says no sheet was read, and where the XML breaks.</summary>
    [Fact]
    public void A_workbook_whose_sheet_is_cut_short_is_told_to_be_saved_or_sent_again()
    {
        var report = Quarantined("截断.xlsx", path => HostileFiles.Xlsx(path, string.Empty,
            wholeSheet: $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{HostileFiles.ValidTable()}<row r="5"><c r="A5"><v>1"""));

        Assert.Contains("Read as:   xlsx, sheets: none (the reading stopped within the first sheet's first rows)", report, StringComparison.Ordinal);
        Assert.Contains("读取方式：xlsx，工作表：无（读取在第一个工作表的前几行内停止）", report, StringComparison.Ordinal);
        Assert.Contains("The part xl/worksheets/sheet1.xml of the workbook is not well-formed XML", report, StringComparison.Ordinal);
        Assert.Contains(SaveAgain, report, StringComparison.Ordinal);
    }

    /// <summary>A workbook refused only for formulas never computed is told to be opened and saved, not to teach aliases.</summary>
    [Fact]
    public void A_file_of_formulas_never_computed_is_told_to_be_opened_and_saved()
    {
        var report = Quarantined("公式.xlsx", path => File.Copy(Fixtures.Path("formulas_xlsxwriter.xlsx"), path));

        Assert.Contains("What to do: the file holds formulas whose values were never computed", report, StringComparison.Ordinal);
        Assert.Contains("处理办法：文件中的公式从未计算出结果", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Teach, report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_a_configured_limit_is_told_which_setting_holds_it()
    {
        var row = "2021,全国,GDP,year,level,1149237,亿元,final\n";
        var report = Quarantined("大.csv", path => File.WriteAllText(path, "period,region,indicator,basis,measure,value,unit,status\n" + string.Concat(Enumerable.Repeat(row, 30_000))),
            "--Limits:MaxFileMegabytes=1");

        Assert.Contains(RaiseLimit, report, StringComparison.Ordinal);
        Assert.Contains("处理办法：文件超过了配置的限制", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Teach, report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_over_a_limit_found_while_it_is_read_is_told_which_setting_holds_it()
    {
        var report = Quarantined("多行.xlsx", path => File.Copy(Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"), path), "--Limits:MaxRows=3");

        Assert.Contains("Limits:MaxRows", report, StringComparison.Ordinal);
        Assert.Contains(RaiseLimit, report, StringComparison.Ordinal);
        Assert.DoesNotContain(Teach, report, StringComparison.Ordinal);
    }

    private static string Quarantined(string name, Action<string> write, params string[] settings)
    {
        using var tmp = new TempFolder();
        var path = tmp.File(name);
        write(path);

        Assert.Equal(StatsIngestCli.FileProblems, CliRun.Run(["ingest", path, "--data", tmp.File("data"), .. settings]).Code);
        Assert.True(File.Exists(tmp.File($"data/quarantine/{name}")), "the file is kept beside its report");
        return File.ReadAllText(tmp.File($"data/quarantine/{name}.error.txt"));
    }
}
