using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Cli;
using StatsIngest.Hosting;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// No English in the Chinese workbook, no Chinese in the English one: every cell of every sheet and every chart's
/// title and series names, built from the samples and layouts of every kind. What quotes the input as it was published
/// (file and sheet names, raw text, row labels) is the only text exempt; identifiers (codes, settings, commands) are
/// not words of either language.
/// </summary>
public partial class WorkbookLanguageTests
{
    [Fact]
    public void Every_cell_of_the_Chinese_workbook_is_Chinese_and_of_the_English_one_English()
    {
        using var tmp = new TempFolder();
        WorkbookPackageTests.BuildFullWorkbook(tmp);
        // And values derived from an index in 其中 rows (two flags on one observation), quarters, a GDP table of sectors.
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Path("layouts/quarterly_gdp_index_2023.xlsx"), Fixtures.Path("layouts/gdp_annual_2021_final.xlsx"), "--data", tmp.File("data"), "--Report:Regions:0=*"]).Code);
        // And the reader's log: warnings of the reading (a control character, a header not of the canonical table, a unit
        // converted, a region not in the code list, labels not mapped) and files refused (nothing read; wrong values).
        var warned = tmp.File("warned_2023.csv");
        File.WriteAllText(warned, "期间,地区,指标,口径,度量,数值,单位,状态,备注\n2023,全国,地区生产总值\u0007,年度,绝对量,1200,万元,,x\n");
        string[] more = [warned, Fixtures.Path("layouts/unseen_regions_years_unit_in_title.xlsx"), Fixtures.Path("layouts/neg_unknown_header.xlsx"), Fixtures.Path("bad_values_and_indicator.csv")];
        CliRun.Run(["ingest", .. more, "--data", tmp.File("data"), "--Report:Regions:0=*"]);
        var chinese = Build(tmp, "zh");
        var english = Build(tmp, "en");
        var log = Texts(chinese).Where(t => t.Where.StartsWith("来源!", StringComparison.Ordinal)).Select(t => t.Text).ToArray();
        Assert.Contains(log, t => t.Contains("控制字符", StringComparison.Ordinal) && t.Contains("不属于标准表的列", StringComparison.Ordinal) && t.Contains("换算", StringComparison.Ordinal));
        Assert.Contains(log, t => t.Contains("未映射", StringComparison.Ordinal));
        Assert.Contains(log, t => t.Contains("依据：自动识别", StringComparison.Ordinal));
        // The first problem by place: the file's own (no table read) before its cells'.
        Assert.Contains(log, t => t.Contains("个问题；第一个：", StringComparison.Ordinal) && t.Contains("此文件中没有可读取的表格", StringComparison.Ordinal));

        var unmapped = Unmapped(english);
        var problems = Texts(chinese).Where(t => EnglishWord().IsMatch(t.Text)).Select(t => $"zh {t.Where}: {t.Text}")
            .Concat(Texts(english).Where(t => Chinese().IsMatch(t.Text) && !unmapped.Contains(t.Text)).Select(t => $"en {t.Where}: {t.Text}"))
            .ToArray();
        Assert.True(problems.Length == 0, $"{problems.Length} texts in the other language:\n" + string.Join("\n", problems.Take(80)));
    }

    [Fact]
    public void A_delivery_of_one_observation_reads_in_both_languages_as_do_the_texts_stored_before_it_said_one_in_the_singular()
    {
        var words = WorkbookWords.Load(Path.Combine(AppContext.BaseDirectory, "config", "report"));

        Assert.Equal("数据版本3：新增观测值1个，未变0个", words.Note("vintage 3: 1 observation added, 0 unchanged", english: false));
        Assert.Equal("vintage 3: 1 observation added, 0 unchanged", words.Note("vintage 3: 1 observation added, 0 unchanged", english: true));
        Assert.Equal("数据版本3：新增观测值1个，未变0个", words.Note("vintage 3: 1 observations added, 0 unchanged", english: false)); // stored by an earlier build
        Assert.Equal("新增观测值12个，未变2个", words.Note("12 observations added, 2 unchanged", english: false));
        Assert.Equal("12 observations added, 2 unchanged", words.Note("12 observations added, 2 unchanged", english: true));
    }

    [Fact]
    public void Every_unit_of_the_unit_list_and_of_the_products_has_its_English_words()
    {
        var config = Path.Combine(SourceTree.Root(), "config");
        JsonDocument Read(params string[] path) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine([config, .. path])), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        using var units = Read("codelists", "units.json");
        using var products = Read("codelists", "products.json");
        using var words = Read("report", WorkbookWords.FileName);

        var english = words.RootElement.GetProperty("units").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var used = units.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()!)
            .Concat(products.RootElement.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("unit").GetString()!))
            .Where(u => u != "%").Distinct();
        Assert.DoesNotContain(used, u => !english.Contains(u));
    }

    private static string Build(TempFolder tmp, string language)
    {
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?>
        {
            ["Data:Directory"] = tmp.File("data"),
            ["Report:Language"] = language,
            ["Report:Regions:0"] = "*",
        });
        var path = tmp.File(language + ".xlsx");
        SummaryWorkbookWriter.Build(path, host.Services.GetRequiredService<ReportService>().Gather());
        return path;
    }

    /// <summary>The labels a workbook lists as unmapped (kept as published: they have no name in the other language).</summary>
    private static HashSet<string> Unmapped(string path)
    {
        var workbook = new WorkbookContent(path);
        var rows = workbook.Rows("Sources");
        var column = Array.IndexOf(rows[0], "Unmapped labels");
        return rows.Skip(1).Select(r => r[column] as string ?? string.Empty).SelectMany(s => s.Split(", ")).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every text cell (but those quoting the input) and every chart's title and series names, with where it is.</summary>
    private static IEnumerable<(string Where, string Text)> Texts(string path)
    {
        var workbook = new WorkbookContent(path);
        foreach (var sheet in workbook.SheetNames)
        {
            var rows = workbook.Rows(sheet);
            var quoted = new HashSet<int>();
            var log = new HashSet<int>();
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c] is not string text)
                    {
                        continue;
                    }

                    if (QuotingHeaders.Contains(text))
                    {
                        quoted.Add(c); // this column quotes the input
                        continue;
                    }

                    if (LogHeaders.Contains(text))
                    {
                        log.Add(c); // the reader's log: its words in the language, what it quotes of the input as published
                        continue;
                    }

                    if (log.Contains(c))
                    {
                        yield return ($"{sheet}!R{r + 1}C{c + 1}", Quoted().Replace(text, "“”"));
                    }
                    else if (!quoted.Contains(c))
                    {
                        yield return ($"{sheet}!R{r + 1}C{c + 1}", text);
                    }
                }
            }
        }

        using var zip = ZipFile.OpenRead(path);
        foreach (var chart in zip.Entries.Where(e => e.FullName.StartsWith("xl/charts/chart", StringComparison.Ordinal)))
        {
            var xml = new StreamReader(chart.Open()).ReadToEnd();
            foreach (Match m in ChartText().Matches(xml))
            {
                yield return (chart.FullName, m.Groups[1].Value);
            }
        }
    }

    /// <summary>
    /// The headers of the columns exempt from the walk, in both languages: those that quote the input as published (file
    /// and sheet names, raw text, row labels, unmapped labels, the inputs' cells as sheet!cell); the layouts' names (identifiers of config/profiles.json);
    /// and the 说明 of a delivery is checked like any text.
    /// </summary>
    private static readonly HashSet<string> QuotingHeaders = new(StringComparer.Ordinal)
    {
        "来源文件", "工作表", "原始文本", "行标签", "文件名", "未映射标签", "输入数据来源", "版式",
        "File", "Sheet", "Text as published", "Row label", "File name", "Unmapped labels", "Inputs", "Layout",
    };

    /// <summary>The columns of the reader's log of each file (its warnings, how it found the layout): checked, but for what they quote of the input.</summary>
    private static readonly HashSet<string> LogHeaders = new(StringComparer.Ordinal) { "警告", "版式识别", "说明", "Warnings", "Layout detection", "Notes" };

    /// <summary>A quotation of the input ('…' in English, “…” in Chinese) or a command to type (`…`, in neither language).</summary>
    [GeneratedRegex(@"(?<![A-Za-z])'[^']*'(?![A-Za-z])|“[^”]*”|`[^`]*`")]
    private static partial Regex Quoted();

    /// <summary>
    /// A word of English prose: three or more letters with a lower-case one, not part of an identifier (a code in capitals,
    /// a setting Section:Key, a file name or extension, a command word below).
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_:.\-/@'])(?!(?i:statsingest|export|quarantine)(?![A-Za-z]))(?=[A-Za-z]*[a-z])[A-Za-z]{3,}(?![A-Za-z0-9_:.\-/@'(])")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF00-\uFF60]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"<a:t>([^<]*)</a:t>|<c:v>([^<0-9.\-][^<]*)</c:v>")]
    private static partial Regex ChartText();
}
