using StatsIngest.Cli;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// The workbook reports the analyst's region (Report:Regions, by default Indicators:DefaultRegion) and holds in 数据
/// the observations its indicators and tables use: its size follows what is reported, not the store.
/// </summary>
public class ReportScopeTests
{
    private static string Ingest(TempFolder tmp, params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["ingest", .. args, "--data", tmp.File("data")], output, new StringWriter()));
        return Path.Combine(tmp.File("data"), "out", "latest.xlsx");
    }

    private static string[] Column(WorkbookContent workbook, string sheet, string header)
    {
        var column = workbook.Column(sheet, header);
        return workbook.Rows(sheet).Skip(1).Select(r => r[column] as string).OfType<string>().ToArray();
    }

    [Fact]
    public void By_default_the_default_region_is_reported_and_the_other_regions_stay_in_the_store()
    {
        using var tmp = new TempFolder();
        var latest = Ingest(tmp, Fixtures.Sample(Fixtures.Preliminary), Fixtures.Sample(Fixtures.Final2021), Fixtures.Sample(Fixtures.Monthly2023),
            Fixtures.Path("layouts/zhongshan_2022-02.xlsx"), Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"));

        var workbook = new WorkbookContent(latest);

        Assert.Equal(["全国"], Column(workbook, SummaryWorkbookWriter.DataSheet, "地区").Distinct());
        Assert.StartsWith("报告地区：全国（Report:Regions", (string)workbook.Rows(SummaryWorkbookWriter.OverviewSheet)[2][0]!, StringComparison.Ordinal);
        var export = new StringWriter();
        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["export", "--data", tmp.File("data")], export, new StringWriter()));
        Assert.Contains(",中山市,", File.ReadAllText(export.ToString().Trim()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_sheet_holds_what_the_indicators_use_not_every_observation_of_the_region()
    {
        using var tmp = new TempFolder();
        var latest = Ingest(tmp, Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"));

        var workbook = new WorkbookContent(latest);
        var indicators = Column(workbook, SummaryWorkbookWriter.DataSheet, "指标代码").Distinct().ToArray();

        Assert.Contains("IVA_ABOVE", indicators);
        Assert.DoesNotContain("EXPORT_DELIVERY", indicators); // 出口交货值 feeds no indicator: in the store, not in the workbook
        var export = new StringWriter();
        StatsIngestCli.Run(["export", "--data", tmp.File("data")], export, new StringWriter());
        Assert.Contains("EXPORT_DELIVERY", File.ReadAllText(export.ToString().Trim()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_without_the_default_region_reports_every_region_and_says_how_to_name_yours()
    {
        using var tmp = new TempFolder();
        var latest = Ingest(tmp, Fixtures.Path("layouts/zhongshan_2022-02.xlsx"));

        var workbook = new WorkbookContent(latest);

        Assert.Contains("中山市", Column(workbook, SummaryWorkbookWriter.DataSheet, "地区"));
        Assert.StartsWith("库中没有默认地区“全国”（Indicators:DefaultRegion）的数据，本表报告全部地区", (string)workbook.Rows(SummaryWorkbookWriter.OverviewSheet)[2][0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drivers_sheet_shows_the_latest_periods_of_Report_DriverPeriods()
    {
        using var tmp = new TempFolder();
        var all = new WorkbookContent(Ingest(tmp, Fixtures.Path("layouts/zhongshan_2021-02.xlsx"), Fixtures.Path("layouts/zhongshan_2022-02.xlsx"), "--Indicators:DefaultRegion=中山市"));
        using var tmp2 = new TempFolder();
        var one = new WorkbookContent(Ingest(tmp2, Fixtures.Path("layouts/zhongshan_2021-02.xlsx"), Fixtures.Path("layouts/zhongshan_2022-02.xlsx"), "--Indicators:DefaultRegion=中山市", "--Report:DriverPeriods=1"));

        Assert.Equal(2, Column(all, IndicatorSheets.DriversSheet, "期间").Distinct().Count());
        Assert.Equal(["2022年1—2月"], Column(one, IndicatorSheets.DriversSheet, "期间").Distinct());
    }

    [Fact]
    public void The_panel_shows_the_months_of_the_latest_Report_PanelYears_years_and_the_data_sheet_only_what_those_use()
    {
        // Four years of 全国's monthly growth of 规上工业 (level and growth of the total and one division).
        var csv = new System.Text.StringBuilder("period,region,indicator,industry,basis,measure,value,unit,status\n");
        foreach (var month in Enumerable.Range(0, 48).Select(i => new DateOnly(2020, 1, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
        {
            foreach (var industry in new[] { "合计", "26" })
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{month},全国,规模以上工业增加值,{industry},month,level,{1000 + month.GetHashCode() % 7},亿元,final\n");
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{month},全国,规模以上工业增加值,{industry},month,yoy,{5.5},%,final\n");
            }
        }

        using var tmp = new TempFolder();
        var file = tmp.File("months.csv");
        File.WriteAllText(file, csv.ToString());
        var all = new WorkbookContent(Ingest(tmp, file));
        using var tmp2 = new TempFolder();
        var two = new WorkbookContent(Ingest(tmp2, file, "--Report:PanelYears=2"));

        // January and February are published together: 11 rows a year.
        Assert.Equal(44, Column(all, IndicatorSheets.PanelSheet, "期间").Length);
        var shown = Column(two, IndicatorSheets.PanelSheet, "期间");
        Assert.Equal(22, shown.Length);
        Assert.Equal(("2022年1—2月", "2023年12月"), (shown[0], shown[^1]));
        // 数据 holds the inputs of the months shown and of the latest drivers, not the two earlier years.
        var years = Column(two, SummaryWorkbookWriter.DataSheet, "期间").Select(p => p[..4]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["2022", "2023"], years);
        Assert.Equal(["2020", "2021", "2022", "2023"], Column(all, SummaryWorkbookWriter.DataSheet, "期间").Select(p => p[..4]).Distinct().Order(StringComparer.Ordinal));
        // 说明 says what the sheets show and where the rest is.
        var scope = (string)two.RowsWith(NotesSheet.Name, "范围").Single()[1]!;
        Assert.Contains("最近 2 个年度", scope, StringComparison.Ordinal);
        Assert.Contains("statsingest export", scope, StringComparison.Ordinal);
    }
}
