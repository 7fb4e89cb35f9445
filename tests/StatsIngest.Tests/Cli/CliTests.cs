using System.Text;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Cli;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = StatsIngestCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Ingest_stores_writes_the_workbook_and_leaves_the_original_in_place()
    {
        using var tmp = new TempFolder();
        var input = tmp.File(Fixtures.Preliminary);
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), input);

        var (code, output, _) = Run("ingest", input, "--data", tmp.File("data"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("ingested    01_national_accounts_2019-2021_preliminary.csv: vintage 1: 12 observations added", output, StringComparison.Ordinal);
        Assert.True(File.Exists(input));
        Assert.True(File.Exists(tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx")));
    }

    [Fact]
    public void Ingest_of_a_folder_takes_its_files_and_says_that_its_folders_are_not_taken()
    {
        using var tmp = new TempFolder();
        var folder = Directory.CreateDirectory(tmp.File("2021年")).FullName;
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(folder, Fixtures.Preliminary));
        Directory.CreateDirectory(Path.Combine(folder, "12月"));
        File.Copy(Fixtures.Sample(Fixtures.Final2021), Path.Combine(folder, "12月", Fixtures.Final2021));
        Directory.CreateDirectory(Path.Combine(folder, ".git"));

        var (code, output, errors) = Run("ingest", folder, "--data", tmp.File("data"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("ingested    01_national_accounts_2019-2021_preliminary.csv", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixtures.Final2021, output, StringComparison.Ordinal);
        Assert.Contains($"The folder {folder} holds folders (12月); their files are not taken: give them as folders of their own.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_exits_1_when_a_file_is_quarantined_and_2_on_a_usage_error()
    {
        using var tmp = new TempFolder();
        var bad = tmp.File("bad.csv");
        File.Copy(Fixtures.Path("bad_values_and_indicator.csv"), bad);

        Assert.Equal(StatsIngestCli.FileProblems, Run("ingest", bad, "--data", tmp.File("data")).Code);
        Assert.True(File.Exists(tmp.File("data/quarantine/bad.csv.error.txt")));
        Assert.Equal(StatsIngestCli.UsageError, Run("ingest", tmp.File("nope.csv"), "--data", tmp.File("data")).Code);
        Assert.Equal(StatsIngestCli.UsageError, Run("ingest").Code);
        Assert.Equal(StatsIngestCli.UsageError, Run("frobnicate").Code);
    }

    [Fact]
    public void Validate_prints_the_mapping_and_problems_and_writes_nothing()
    {
        using var tmp = new TempFolder();
        var before = Directory.GetFileSystemEntries(AppContext.BaseDirectory, "*", SearchOption.TopDirectoryOnly).Length;

        var good = Run("validate", Fixtures.Path("canonical_gb18030_no_bom.csv"));
        var bad = Run("validate", Fixtures.Path("bad_values_and_indicator.csv"));

        Assert.Equal(StatsIngestCli.Ok, good.Code);
        Assert.Contains("encoding GB18030", good.Out, StringComparison.Ordinal);
        Assert.Contains("layout: canonical; 4 data rows; 4 observations would be stored", good.Out, StringComparison.Ordinal);
        Assert.Contains("GDP.全国._T.A.L", good.Out, StringComparison.Ordinal);
        Assert.Equal(StatsIngestCli.FileProblems, bad.Code);
        Assert.Contains("ERROR: sheet 'CSV', row 4, column F (cell F4): Expected a number", bad.Out, StringComparison.Ordinal);
        Assert.Contains("\n          工作表“CSV”第 4 行 F 列（单元格 F4）：应为数字", bad.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal); // beneath it, in Chinese
        Assert.Contains("\n   工作表“CSV”：版式“canonical”", good.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(AppContext.BaseDirectory, "*", SearchOption.TopDirectoryOnly).Length);
    }

    [Fact]
    public void Validate_reads_a_file_as_ingest_does_a_canonical_table_streamed_past_the_cell_limit_under_the_configured_limits()
    {
        using var tmp = new TempFolder();
        var canonical = tmp.File("many.csv");
        var rows = Enumerable.Range(1960, 40).Select(y => $"{y},全国,GDP,,year,level,{y - 1000}.5,亿元,final");
        File.WriteAllText(canonical, "period,region,indicator,industry,basis,measure,value,unit,status\n" + string.Join('\n', rows) + "\n");
        var table = tmp.File("table.csv");
        File.WriteAllText(table, "地区,指标,2021年\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"全国,国内生产总值,{i}")) + "\n");
        string[] limit = ["--Limits:MaxCellsPerSheet=100"];

        var streamed = Run(["validate", canonical, .. limit]);
        var ingested = Run(["ingest", canonical, "--data", tmp.File("data"), .. limit]);
        var held = Run(["validate", table, .. limit]);

        Assert.Equal(StatsIngestCli.Ok, ingested.Code);
        Assert.Equal(StatsIngestCli.Ok, streamed.Code);
        Assert.Contains("read as csv, encoding UTF-8; sheets: 'CSV' (41 rows)", streamed.Out, StringComparison.Ordinal);
        Assert.Contains("layout: canonical; 40 data rows; 40 observations would be stored", streamed.Out, StringComparison.Ordinal);
        Assert.Equal(StatsIngestCli.FileProblems, held.Code);
        Assert.Contains("more than 100 cells (Limits:MaxCellsPerSheet)", held.Out, StringComparison.Ordinal);
        Assert.Contains("超过 100 个单元格（Limits:MaxCellsPerSheet）", held.Out, StringComparison.Ordinal); // the refusal in Chinese too
    }

    [Fact]
    public void Validate_stages_a_file_as_ingest_does_finds_its_conflicts_prints_each_observation_once_and_leaves_no_scratch()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("repeats.csv");
        File.WriteAllText(path, """
            period,region,indicator,industry,basis,measure,value,unit,status
            2021,全国,GDP,,year,level,100.5,亿元,final
            2021,全国,GDP,,year,level,101.5,亿元,final
            2022,全国,GDP,,year,level,110.5,亿元,final
            2022,全国,GDP,,year,level,110.5,亿元,final
            2023,全国,GDP,,year,level,-0,亿元,final

            """);
        var (output, errors) = (new StringWriter(), new StringWriter());
        var scratch = tmp.File("scratch");

        var code = ValidateCommand.Run([path], [], (false, null), output, errors, contentRoot: null, scratchRoot: scratch);

        var text = output.ToString();
        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("layout: canonical; 5 data rows; 3 observations would be stored", text, StringComparison.Ordinal);
        Assert.Contains("ERROR: sheet 'CSV', row 3, column G (cell G3): This cell gives GDP.全国._T.A.L 2021 as '101.5', but CSV!G2 gives '100.5' for the same series and period.", text, StringComparison.Ordinal);
        Assert.Contains("← CSV!G2 '100.5'", text, StringComparison.Ordinal);
        Assert.Contains("← CSV!G4 '110.5'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("← CSV!G3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("← CSV!G5", text, StringComparison.Ordinal);
        Assert.Matches(@"GDP\.全国\._T\.A\.L +2023 +0 亿元 +A  ← CSV!G6 '-0'", text); // as the store keeps it: SQLite stores −0.0 as 0
        Assert.Empty(errors.ToString());
        Assert.True(Directory.Exists(scratch));
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    [Fact]
    public void Validate_prints_a_unit_factor_the_same_in_any_culture()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("wanyuan.csv");
        File.WriteAllText(path, "period,region,indicator,industry,basis,measure,value,unit,status\n2021,全国,GDP,,year,level,1234567,万元,final\n");
        var (output, errors) = (new StringWriter(), new StringWriter());
        Cultures.Under("de-DE", () => ValidateCommand.Run([path], [], (false, null), output, errors, contentRoot: null, scratchRoot: tmp.File("scratch"))); // a decimal comma

        Assert.Contains("← CSV!G2 '1234567' × 0.0001", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_without_a_writable_temporary_folder_says_which_and_what_to_set()
    {
        using var tmp = new TempFolder();
        var notAFolder = tmp.File("file-not-folder");
        File.WriteAllText(notAFolder, "x");
        var (output, errors) = (new StringWriter(), new StringWriter());

        // A data folder error: the command line prints it as one line ("Data folder error: …") and exits with its code.
        var ex = Assert.Throws<StatsIngest.Collect.DataFolderException>(() =>
            ValidateCommand.Run([Fixtures.Path("canonical_gb18030_no_bom.csv")], [], (false, null), output, errors, contentRoot: null, scratchRoot: notAFolder));

        Assert.StartsWith($"validate stages each file in a scratch folder under the temporary folder {notAFolder}, which can not be written (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Set TMPDIR (TEMP on Windows) to a writable folder.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void Export_writes_canonical_csv_with_BOM_and_neutralises_formula_text()
    {
        using var tmp = new TempFolder();
        var hostile = tmp.File("hostile.csv");
        File.WriteAllText(hostile, "period,region,indicator,basis,measure,value\n2022,=HYPERLINK(\"x\"),GDP,year,yoy,-1.5\n");
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", hostile, "--data", tmp.File("data")).Code);

        var (code, output, _) = Run("export", "--data", tmp.File("data"), "--out", tmp.File("out.csv"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(tmp.File("out.csv"), output.Trim());
        var bytes = File.ReadAllBytes(tmp.File("out.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", StatsIngest.Report.CanonicalCsvExporter.Columns), lines[0]);
        Assert.StartsWith("2022,\"'=HYPERLINK(\"\"x\"\")\",GDP,_T,A,YOY,-1.5,%,A,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_of_all_vintages_keeps_the_history_and_reingesting_the_export_round_trips()
    {
        using var tmp = new TempFolder();
        Run("ingest", Fixtures.Sample(Fixtures.Preliminary), Fixtures.Sample(Fixtures.Final2021), "--data", tmp.File("data"));

        Run("export", "--data", tmp.File("data"), "--all-vintages", "--out", tmp.File("all.csv"));
        Run("export", "--data", tmp.File("data"), "--out", tmp.File("latest.csv"));

        Assert.Equal(25, File.ReadAllLines(tmp.File("all.csv")).Length);
        var roundTrip = Run("ingest", tmp.File("latest.csv"), "--data", tmp.File("data2"));
        Assert.Equal(StatsIngestCli.Ok, roundTrip.Code);
        Assert.Contains(": vintage 1: 18 observations added", roundTrip.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_rewrites_the_workbook_for_a_period_and_as_of_a_date()
    {
        using var tmp = new TempFolder();
        Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"));

        var (code, output, _) = Run("report", "--period", "2021", "--data", tmp.File("data"));
        var badPeriod = Run("report", "--period", "last month", "--data", tmp.File("data"));
        var asOf = Run("report", "--period", "2020", "--as-of", "2000-01-01", "--data", tmp.File("data"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx"), output.Trim());
        Assert.Equal(StatsIngestCli.UsageError, badPeriod.Code);
        Assert.Equal(StatsIngestCli.Ok, asOf.Code);
        var before = new WorkbookContent(asOf.Out.Trim());
        Assert.Single(before.Rows(StatsIngest.Report.SummaryWorkbookWriter.DataSheet));
    }

    [Fact]
    public void A_report_as_of_a_date_gives_that_date_the_same_in_any_culture()
    {
        using var tmp = new TempFolder();
        Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"));
        var asOf = Cultures.Under("th-TH", () => Run("report", "--period", "2021", "--as-of", "2022-06-30", "--data", tmp.File("data"))); // a Buddhist calendar: 2022 is 2565

        Assert.Equal(StatsIngestCli.Ok, asOf.Code);
        var said = new WorkbookContent(asOf.Out.Trim()).Rows("概览").SelectMany(r => r).OfType<string>().Single(t => t.StartsWith("数据截至", StringComparison.Ordinal));
        Assert.StartsWith("数据截至 2022-06-30", said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_dropped_again_is_said_with_the_date_of_its_first_ingest_the_same_in_any_culture()
    {
        using var tmp = new TempFolder();
        Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"));
        var again = Cultures.Under("th-TH", () => Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"))); // a Buddhist calendar

        Assert.Matches(@"same content \(SHA-256\) as '[^']+', ingested 20\d\d-\d\d-\d\d \d\d:\d\d UTC as vintage 1", again.Out + again.Err);
    }

    [Fact]
    public void A_report_of_an_earlier_period_leaves_latest_xlsx_to_the_latest_period_and_a_report_of_the_latest_puts_it_back()
    {
        using var tmp = new TempFolder();
        Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data"));
        var latest = tmp.File("data/out/latest.xlsx");
        var of2021 = File.ReadAllBytes(tmp.File("data/out/2021/StatsIngest_Summary_2021.xlsx"));
        Assert.Equal(of2021, File.ReadAllBytes(latest));

        Assert.Equal(StatsIngestCli.Ok, Run("report", "--period", "2020", "--data", tmp.File("data")).Code);
        Assert.True(File.Exists(tmp.File("data/out/2020/StatsIngest_Summary_2020.xlsx")));
        Assert.Equal(of2021, File.ReadAllBytes(latest));

        File.Delete(latest);
        Assert.Equal(StatsIngestCli.Ok, Run("report", "--period", "2021", "--data", tmp.File("data")).Code);
        Assert.Equal(of2021, File.ReadAllBytes(latest));
    }

    [Fact]
    public void Report_takes_settings_refuses_stray_arguments_and_says_when_there_is_nothing_to_report()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");

        var empty = Run("report", "--data", data);
        Assert.Equal(StatsIngestCli.Ok, empty.Code);
        Assert.StartsWith("The store holds no data yet", empty.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(tmp.File("data/out/empty")));

        Assert.Equal(StatsIngestCli.UsageError, Run("report", "--bogus", "--data", data).Code);

        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data).Code);
        var english = Run("report", "--data", data, "--Report:Language=en");
        Assert.Equal(StatsIngestCli.Ok, english.Code);
        Assert.Equal(tmp.File("data/out/2021/StatsIngest_Summary_2021_r2.xlsx"), english.Out.Trim());
        Assert.Equal("Overview", new WorkbookContent(english.Out.Trim()).SheetNames[0]);
    }
}
