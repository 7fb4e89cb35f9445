using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Hosting;
using StatsIngest.Report;
using DocumentFormat.OpenXml.Validation;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace StatsIngest.Tests.Report;

/// <summary>The workbook as a package: valid Open XML, with native charts whose cached values are the cells'.</summary>
public class WorkbookPackageTests
{
    /// <summary>The samples and fixtures of several regions (全国, 中山市 …), every region reported.</summary>
    public static string BuildFullWorkbook(TempFolder tmp)
    {
        var data = tmp.File("data");
        string[] inputs =
        [
            Fixtures.Sample(Fixtures.Preliminary), Fixtures.Sample(Fixtures.Final2021), Fixtures.Sample(Fixtures.Monthly2023),
            Fixtures.Path("layouts/industry_scale_2021-2022.xlsx"), Fixtures.Path("layouts/zhongshan_2021-02.xlsx"), Fixtures.Path("layouts/zhongshan_2022-02.xlsx"),
        ];
        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["ingest", .. inputs, "--data", data, "--Report:Regions:0=*"], new StringWriter(), new StringWriter()));
        return tmp.File("data/out/2023-12/StatsIngest_Summary_2023-12.xlsx");
    }

    [Fact]
    public void The_package_validates_and_has_a_native_chart_on_each_chart_sheet()
    {
        using var tmp = new TempFolder();
        var path = BuildFullWorkbook(tmp);

        using var doc = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));

        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
            .ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)doc.WorkbookPart.GetPartById(s.Id!));
        var charted = sheets.Where(kv => kv.Value.DrawingsPart?.ChartParts.Any() == true).Select(kv => kv.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["工业增速", "概览", "目标", "行业", "贡献率趋势"], charted); // 概览 draws two of them again

        var trend = sheets["贡献率趋势"].DrawingsPart!.ChartParts.Single().ChartSpace;
        Assert.NotNull(trend.Descendants<C.LineChart>().SingleOrDefault());
        var series = trend.Descendants<C.LineChartSeries>().ToArray();
        Assert.Equal(2, series.Length);
        var cached = series[0].Descendants<C.NumericPoint>().Select(p => double.Parse(p.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var formula = series[0].Descendants<C.Formula>().Last().Text;
        var wb = new WorkbookContent(path);
        var cells = wb.RowsWith("贡献率趋势", "全部工业增加值", "全年").Where(r => r[4] is double).Select(r => (double)r[4]!).ToArray();
        Assert.Equal(cells.Length, cached.Length);
        Assert.All(cells.Zip(cached), p => Assert.Equal(p.First, p.Second, 10)); // the cell keeps 15 significant digits
        Assert.Equal(3, cells.Length);
        Assert.StartsWith("'贡献率趋势'!$E$", formula, StringComparison.Ordinal);
        Assert.All(series[1].Descendants<C.NumericPoint>(), p => Assert.Equal("32.3", p.NumericValue!.Text));
    }

    [Fact]
    public void The_contribution_charts_title_gives_the_baseline_the_same_in_any_culture()
    {
        using var tmp = new TempFolder();
        var path = Cultures.Under("de-DE", () => BuildFullWorkbook(tmp)); // a decimal comma

        using var doc = SpreadsheetDocument.Open(path, false);
        var trend = doc.WorkbookPart!.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "贡献率趋势");
        var chart = ((WorksheetPart)doc.WorkbookPart.GetPartById(trend.Id!)).DrawingsPart!.ChartParts.Single().ChartSpace;
        var title = string.Concat(chart.Descendants<C.Title>().First().Descendants<DocumentFormat.OpenXml.Drawing.Text>().Select(t => t.Text));
        Assert.EndsWith("与基准 32.3%", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sheet_but_the_overview_prints_on_the_width_of_a_landscape_page_with_its_header_repeated_frozen_and_filtered()
    {
        using var tmp = new TempFolder();
        var path = BuildFullWorkbook(tmp);

        using var doc = SpreadsheetDocument.Open(path, false);
        var workbook = doc.WorkbookPart!.Workbook;
        var titles = workbook.DefinedNames!.Elements<S.DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles").ToDictionary(n => (int)n.LocalSheetId!.Value, n => n.Text);
        var sheets = workbook.Sheets!.Elements<S.Sheet>().ToArray();
        for (var i = 0; i < sheets.Length; i++)
        {
            var name = sheets[i].Name!.Value!;
            var ws = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheets[i].Id!)).Worksheet;
            var setup = ws.GetFirstChild<S.PageSetup>()!;
            Assert.Equal(S.OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(9u, setup.PaperSize!.Value); // A4
            Assert.True(ws.GetFirstChild<S.SheetProperties>()?.PageSetupProperties?.FitToPage?.Value, $"{name} is fitted to the page");
            if (name == SummaryWorkbookWriter.OverviewSheet)
            {
                Assert.Equal((1u, 1u), (setup.FitToWidth?.Value ?? 1u, setup.FitToHeight?.Value ?? 1u)); // one page (1 is the default)
                continue;
            }

            Assert.Equal((1u, 0u), (setup.FitToWidth?.Value ?? 1u, setup.FitToHeight?.Value ?? 1u)); // one page wide, as long as it takes
            var width = ws.Descendants<S.Column>().Sum(c => (c.Max!.Value - c.Min!.Value + 1) * c.Width!.Value);
            Assert.True(width <= 260, $"{name}: its columns add up to {width:0} widths, printed at under half size");
            Assert.Matches(@"!\$?1:\$?1$", titles[i]); // the header row repeats on every page
            Assert.Equal(1, ws.Descendants<S.Pane>().Single().VerticalSplit!.Value, 0); // and stays in view
            Assert.NotNull(ws.GetFirstChild<S.AutoFilter>()); // the main table has a filter
        }
    }

    [Fact]
    public void The_English_variant_has_English_sheets_headers_and_labels_and_the_same_numbers()
    {
        using var tmp = new TempFolder();
        var chinese = new WorkbookContent(BuildFullWorkbook(tmp));
        using var host = StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?>
        {
            ["Data:Directory"] = tmp.File("data"),
            ["Report:Language"] = "en",
        });
        var path = tmp.File("english.xlsx");
        StatsIngest.Report.SummaryWorkbookWriter.Build(path, host.Services.GetRequiredService<ReportService>().Gather());

        var english = new WorkbookContent(path);
        Assert.Equal(["Overview", "Key figures", "Contribution trend", "Industrial growth", "Industries", "Targets", "Data", "Sources", "Notes"], english.SheetNames);
        Assert.Equal("Contribution (%)", english.Rows("Contribution trend")[0][4]);
        var en2022 = english.RowsWith("Contribution trend", "China", "All industry", "2022").Single();
        var zh2022 = chinese.RowsWith("贡献率趋势", "全国", "全部工业增加值", "2022年").Single();
        Assert.Equal(zh2022[4], en2022[4]);
        Assert.Contains(english.Rows("Industrial growth"), r => r.Contains("2023 Jan–Feb"));
        Assert.Contains(english.Rows("Targets"), r => r.Contains("off track") || r.Contains("on track") || r.Contains("at risk") || r.Contains("achieved"));
        Assert.Contains(english.Rows("Notes"), r => r.Contains("Contribution rate"));
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(doc));
    }
}
