using System.IO.Compression;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// The workbook as LibreOffice sees it (headless; <c>.ci/run</c> installs libreoffice-calc-nogui and fonts-noto-cjk):
/// it converts to PDF, and converted to ODS it still has one chart per chart sheet with its title. Where LibreOffice
/// is not installed (a developer machine) the test says so and checks the chart parts of the package instead, unless
/// STATSINGEST_REQUIRE_LIBREOFFICE=1 (set by .ci/run) makes a missing LibreOffice a failure.
/// </summary>
public class LibreOfficeRenderTests
{
    private static readonly string[] ChartTitles = ["工业对经济增长的贡献率", "规模以上工业增加值增速", "对规上工业增长贡献最大的行业", "规划目标完成进度"];

    [Fact]
    public void LibreOffice_converts_the_workbook_and_finds_every_chart()
    {
        using var tmp = new TempFolder();
        var path = WorkbookPackageTests.BuildFullWorkbook(tmp);
        var soffice = ExternalTool.Which("soffice") ?? ExternalTool.Which("libreoffice");
        if (soffice is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_LIBREOFFICE") != "1",
                "LibreOffice (soffice) is required here: apt-get install libreoffice-calc-nogui fonts-noto-cjk");
            Console.WriteLine("LibreOffice is not installed: the render check ran on the package only.");
            using var zip = ZipFile.OpenRead(path);
            var charts = zip.Entries.Where(e => e.FullName.Contains("charts/chart", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()).ToArray();
            Assert.Equal(ChartTitles.Length + 2, charts.Length); // 概览 draws the first two again
            Assert.All(ChartTitles, t => Assert.Contains(charts, c => c.Contains(t, StringComparison.Ordinal)));
            return;
        }

        var outDir = tmp.File("render");
        Convert(soffice, path, "pdf", outDir, tmp.File("profile"));
        Convert(soffice, path, "ods", outDir, tmp.File("profile"));

        var pdf = Path.Combine(outDir, Path.ChangeExtension(Path.GetFileName(path), ".pdf"));
        Assert.True(new FileInfo(pdf).Length > 10_000, "the PDF is written");
        using var ods = ZipFile.OpenRead(Path.Combine(outDir, Path.ChangeExtension(Path.GetFileName(path), ".ods")));
        var objects = ods.Entries.Where(e => e.FullName.StartsWith("Object ", StringComparison.Ordinal) && e.Name == "content.xml")
            .Select(e => new StreamReader(e.Open()).ReadToEnd()).ToArray();
        Assert.Equal(ChartTitles.Length + 2, objects.Length); // 概览 draws the first two again
        Assert.All(ChartTitles, t => Assert.Contains(objects, o => o.Contains(t, StringComparison.Ordinal) && o.Contains("chart:chart", StringComparison.Ordinal)));
        Assert.All(ChartTitles.Take(2), t => Assert.Equal(2, objects.Count(o => o.Contains(t, StringComparison.Ordinal))));

        // 概览 prints on one page: the first page has its title, headline figures and analysis; the second is 要点's.
        var pdftotext = ExternalTool.Which("pdftotext");
        Assert.True(pdftotext is not null || Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_LIBREOFFICE") != "1", "pdftotext (poppler-utils) is required here");
        if (pdftotext is not null)
        {
            var first = PageText(pdftotext, pdf, 1);
            Assert.Contains("工业经济指标汇总", first, StringComparison.Ordinal);
            Assert.Contains("分析", first, StringComparison.Ordinal);
            Assert.Contains("工业对经济增长的贡献率", first, StringComparison.Ordinal);
            Assert.Contains("与基准", first, StringComparison.Ordinal); // the title of the contribution chart
            Assert.Contains("规模以上工业增加值增速（", first, StringComparison.Ordinal); // the title of the growth chart
            var second = PageText(pdftotext, pdf, 2);
            Assert.DoesNotContain("分析", second, StringComparison.Ordinal);
            Assert.Contains("数据版本", second, StringComparison.Ordinal); // 要点's header
        }
    }

    private static string PageText(string pdftotext, string pdf, int page)
    {
        var n = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ExternalTool.Run(pdftotext, ["-f", n, "-l", n, "-enc", "UTF-8", pdf, "-"]).Out;
    }

    private static void Convert(string soffice, string path, string format, string outDir, string profile)
    {
        var (code, stdout, stderr) = ExternalTool.Run(soffice, [$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", format, "--outdir", outDir, path]);
        Assert.True(code == 0, $"soffice exited {code}: {stdout} {stderr}");
    }
}
