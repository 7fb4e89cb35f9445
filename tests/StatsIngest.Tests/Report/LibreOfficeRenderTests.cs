using System.Diagnostics;
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
        var soffice = Which("soffice") ?? Which("libreoffice");
        if (soffice is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_LIBREOFFICE") != "1",
                "LibreOffice (soffice) is required here: apt-get install libreoffice-calc-nogui fonts-noto-cjk");
            Console.WriteLine("LibreOffice is not installed: the render check ran on the package only.");
            using var zip = ZipFile.OpenRead(path);
            var charts = zip.Entries.Where(e => e.FullName.Contains("charts/chart", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()).ToArray();
            Assert.Equal(ChartTitles.Length, charts.Length);
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
        Assert.Equal(ChartTitles.Length, objects.Length);
        Assert.All(ChartTitles, t => Assert.Contains(objects, o => o.Contains(t, StringComparison.Ordinal) && o.Contains("chart:chart", StringComparison.Ordinal)));
    }

    private static void Convert(string soffice, string path, string format, string outDir, string profile)
    {
        var psi = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", format, "--outdir", outDir, path })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "LibreOffice finished");
        Assert.True(p.ExitCode == 0, $"soffice exited {p.ExitCode}: {stdout} {stderr.Result}");
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
