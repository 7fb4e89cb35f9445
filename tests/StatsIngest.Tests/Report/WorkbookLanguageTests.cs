using System.IO.Compression;
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
        var chinese = Build(tmp, "zh");
        var english = Build(tmp, "en");

        var problems = Texts(chinese).Where(t => EnglishWord().IsMatch(t.Text)).Select(t => $"zh {t.Where}: {t.Text}")
            .Concat(Texts(english).Where(t => Chinese().IsMatch(t.Text)).Select(t => $"en {t.Where}: {t.Text}"))
            .ToArray();
        Assert.True(problems.Length == 0, $"{problems.Length} texts in the other language:\n" + string.Join("\n", problems.Take(80)));
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

    /// <summary>Every text cell (but those quoting the input) and every chart's title and series names, with where it is.</summary>
    private static IEnumerable<(string Where, string Text)> Texts(string path)
    {
        var workbook = new WorkbookContent(path);
        foreach (var sheet in workbook.SheetNames)
        {
            var rows = workbook.Rows(sheet);
            var quoted = new HashSet<int>();
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

                    if (!quoted.Contains(c))
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
    /// and the reader's own log of each file (its warnings and how it found the layout), kept as the reader wrote it — in
    /// English, as in the quarantine reports and the command line (not yet translated: see the README).
    /// </summary>
    private static readonly HashSet<string> QuotingHeaders = new(StringComparer.Ordinal)
    {
        "来源文件", "工作表", "原始文本", "行标签", "文件名", "未映射标签", "输入数据来源", "版式", "警告", "版式识别",
        "File", "Sheet", "Text as published", "Row label", "File name", "Unmapped labels", "Inputs", "Layout", "Warnings", "Layout detection",
    };

    /// <summary>
    /// A word of English prose: three or more letters with a lower-case one, not part of an identifier (a code in capitals,
    /// a setting Section:Key, a file name or extension, a command word below).
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_:.\-/@'])(?!(?:statsingest|export|quarantine)(?![A-Za-z]))(?=[A-Za-z]*[a-z])[A-Za-z]{3,}(?![A-Za-z0-9_:.\-/@'(])")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF00-\uFF60]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"<a:t>([^<]*)</a:t>|<c:v>([^<0-9.\-][^<]*)</c:v>")]
    private static partial Regex ChartText();
}
