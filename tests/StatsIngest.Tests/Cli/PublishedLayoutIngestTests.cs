using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Report;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Cli;

/// <summary>The publication layouts through <c>ingest</c>, <c>validate</c> and the running service, into the real store and workbook.</summary>
public class PublishedLayoutIngestTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = StatsIngestCli.Run(args, stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Every_layout_ingests_with_codes_periods_units_statuses_and_vintages()
    {
        using var tmp = new TempFolder();
        string[] files =
        [
            "nbs_monthly_2023-02.xlsx", "nbs_monthly_2023-12_legacy.xls", "province_industry_2022-06_gb18030.csv", "city_regions_2022-06.xlsx",
            "portal_monthly_2023.xlsx", "gdp_annual_2021_preliminary.xlsx", "gdp_annual_2021_final.xlsx", "gdp_quarterly_2022.xlsx",
            "industry_scale_2021-2022.xlsx",
        ];

        var (code, output) = Run(["ingest", .. files.Select(f => Fixtures.Path("layouts/" + f)), "--data", tmp.File("data")]);

        Assert.True(code == StatsIngestCli.Ok, output);
        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        Assert.Equal(
            ["nbs-monthly", "nbs-monthly", "regional-monthly", "regional-monthly", "portal-export", "gdp-accounts", "gdp-accounts", "gdp-accounts", "industry-scale"],
            store.Files().Select(f => f.Layout));
        Assert.Equal(["某某新兴产业"], store.Files()[2].Unmapped);
        Assert.Contains("period '2022年1—6月' from cell A1", string.Join("\n", store.Files()[2].LayoutDetail.Split('\n').Select(l => Msg.Decode(l).ToString())), StringComparison.Ordinal);

        var latest = store.LatestObservations();
        var gdp2021 = latest.Single(o => o.Key == new SeriesKey("GDP", "全国", "_T", Basis.Year, Measure.Level) && o.Period.Code == "2021");
        Assert.Equal((1149237.0, ObservationStatus.Normal, "gdp_annual_2021_final.xlsx"), (gdp2021.Value!.Value, gdp2021.Status, gdp2021.Source.FileName));
        var history = store.AllObservations().Where(o => o.Key == gdp2021.Key && o.Period.Code == "2021").ToArray();
        Assert.Equal([(1143670.0, ObservationStatus.Provisional), (1149237.0, ObservationStatus.Normal)], history.Select(o => (o.Value!.Value, o.Status)));

        var manufacturing = latest.Single(o => o.Key == new SeriesKey("IVA_ALL", "全国", "C", Basis.Year, Measure.YoY));
        Assert.Equal((11.3, ObservationFlags.Subset), (manufacturing.Value!.Value, manufacturing.Flags));

        var provinceYtd = latest.Single(o => o.Key == new SeriesKey("IVA_ABOVE", "全省", "_T", Basis.YearToDate, Measure.Level));
        Assert.Equal((6876.5432, "亿元", 0.0001, "CSV", "D5", "68765432"), (provinceYtd.Value!.Value, provinceYtd.Unit, provinceYtd.UnitFactor, provinceYtd.Source.Sheet, provinceYtd.Source.Cell, provinceYtd.Source.RawText));

        Assert.DoesNotContain(latest, o => o.Key.Indicator == "IVA_ABOVE" && o.Period.Code == "2023-01");
        Assert.Equal(2.4, latest.Single(o => o.Key == new SeriesKey("IVA_ABOVE", "全国", "_T", Basis.YearToDate, Measure.YoY) && o.Period.Code == "2023-02").Value);
        Assert.Equal(3100, latest.Single(o => o.Key.Indicator == "REVENUE" && o.Key.Industry == "ENG_MACH" && o.Period.Code == "2022").Value);
        Assert.Equal(ObservationStatus.Provisional, latest.Single(o => o.Key.Indicator == "GDP" && o.Key.Industry == "_T" && o.Period.Code == "2022-Q3" && o.Key.Measure == Measure.Level).Status);
    }

    [Fact]
    public void Validate_explains_the_layout_the_period_unit_region_and_each_label()
    {
        var (code, output) = Run("validate", Fixtures.Path("layouts/province_industry_2022-06_legacy.xls"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("layout: regional-monthly; 9 data rows; 36 observations would be stored", output, StringComparison.Ordinal);
        Assert.Contains("chosen by detection: a period in the title", output, StringComparison.Ordinal);
        Assert.Contains("unit '万元' from cell A2 (levels stored in '亿元' × 0.0001); region '全省' from the title", output, StringComparison.Ordinal);
        Assert.Contains("#装备制造业 → IVA_ABOVE · group EQUIP 装备制造业 (subset: never added to a total)", output, StringComparison.Ordinal);
        Assert.Contains("计算机、通信和其他电子设备制造业 → IVA_ABOVE · division 39", output, StringComparison.Ordinal);
        Assert.Contains("某某新兴产业 → IVA_ABOVE · unmapped industry label   ← UNMAPPED", output, StringComparison.Ordinal);
        Assert.Contains("note: 注：1.本表增加值按现价计算，增速按可比价计算。", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Validate_explain_says_what_every_header_and_row_label_of_the_corpus_names(string fixture)
    {
        var (code, output) = Run("validate", "--explain", Fixtures.Path("layouts/" + fixture));

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.Contains("   explain: sheet '", output, StringComparison.Ordinal);
        var cells = output.Split('\n').Where(l => l.StartsWith("     header ", StringComparison.Ordinal) || (l.StartsWith("     stub ", StringComparison.Ordinal) && !l.StartsWith("     stub column", StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, l => l.Contains("NOTHING KNOWN", StringComparison.Ordinal) || l.Contains("AMBIGUOUS", StringComparison.Ordinal));
        Assert.All(cells, l => Assert.Matches(@"→ \S", l));
    }

    public static TheoryData<string> Corpus() =>
    [
        .. Directory.GetFiles(Fixtures.Path("layouts"), "*.xlsx").Concat(Directory.GetFiles(Fixtures.Path("layouts"), "*.csv"))
            .Select(f => Path.GetFileName(f)).Where(f => !f.StartsWith("neg_", StringComparison.Ordinal) && !f.StartsWith("canonical_", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Validate_explain_shows_a_yearbook_table_cell_by_cell()
    {
        var (code, output) = Run("validate", "--explain", Fixtures.Path("layouts/yearbook_gdp_2019-2022.xlsx"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("     header D3:F3 '第二产业' → sector SEC2 第二产业 (industries.json: '第二产业')", output, StringComparison.Ordinal);
        Assert.Contains("     header E4 '工业' → indicator IVA_ALL 全部工业增加值 (indicators.json: '工业')", output, StringComparison.Ordinal);
        Assert.Contains("     stub column A: period (the stub header '年份' (vocabulary: '年份'))", output, StringComparison.Ordinal);
        Assert.Contains("     stub A5 '2019' → period 2019年", output, StringComparison.Ordinal);
        Assert.Contains("        3 K  H  H  H  H  H  H  H", output, StringComparison.Ordinal);
        Assert.Contains("profile gdp-accounts: lacks sector rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_explain_workbook_draws_the_table_with_what_each_cell_names_and_each_value_s_key()
    {
        using var tmp = new TempFolder();
        var book = tmp.File("explained.xlsx");

        var (code, output) = Run("validate", Fixtures.Path("layouts/yearbook_gdp_2019-2022.xlsx"), "--explain-workbook", book);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains($"explained workbook: {book}", output, StringComparison.Ordinal);
        var wb = new WorkbookContent(book);
        var rows = wb.Rows(wb.SheetNames[0]);
        // The table starts on row 4 of the drawing; row 4 of the table (its second header row) is row 7.
        Assert.Equal("工业\n→ IVA_ALL", rows[6][4]);
        Assert.Equal("年  份\n→ period", rows[5][0]);
        Assert.Equal("317109\n→ IVA_ALL · 全国\n  2019 A · L", rows[7][4]);
        Assert.Equal("70078\n→ GDP_PC · 全国\n  2019 A · L", rows[7][7]);
    }

    [Fact]
    public void Validate_explain_gives_the_reason_of_each_column_not_stored()
    {
        var (_, output) = Run("validate", "--explain", Fixtures.Path("layouts/city_ranking_2023-10.xlsx"));

        Assert.Contains("     column C not stored: a rank", output, StringComparison.Ordinal);
        Assert.Contains("     column D not stored: a change in percentage points", output, StringComparison.Ordinal);
        Assert.Contains("     header C2 '位次' → not stored: a rank (vocabulary: '位次')", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_tries_a_rule_given_on_the_command_line()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("长沙月报.csv");
        File.WriteAllText(path, "规模以上工业增加值\n项目,本月,累计\n合计,1234.5,6789\n", new System.Text.UTF8Encoding(true));

        Assert.Equal(StatsIngestCli.FileProblems, Run("validate", path).Code);
        var (code, output) = Run("validate", path, "--Layouts:Rules:0:Name=cs", "--Layouts:Rules:0:FileNamePattern=长沙*",
            "--Layouts:Rules:0:Layout=regional-monthly", "--Layouts:Rules:0:Period=2023-06", "--Layouts:Rules:0:Region=长沙市");

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("rule: 'cs' (pattern 长沙*) applies to this file", output, StringComparison.Ordinal);
        Assert.Contains("IVA_ABOVE.长沙市._T.YTD.L", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_an_unknown_layout_stops_the_service_with_one_line()
    {
        using var tmp = new TempFolder();
        var stderr = new StringWriter();

        var code = StatsIngestCli.Run(
            ["run", "--Layouts:Rules:0:FileNamePattern=*月报*", "--Layouts:Rules:0:Layout=provincial", "--data", tmp.Path], new StringWriter(), stderr);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        Assert.Equal(
            "Configuration error: Layouts:Rules:0:Layout = 'provincial' is not allowed: use one of canonical, nbs-monthly, regional-monthly, portal-export, gdp-accounts, industry-scale, table.",
            stderr.ToString().Trim());
    }

    [Fact]
    public void The_new_table_shapes_ingest_with_indices_derived_growth_and_per_capita_levels()
    {
        using var tmp = new TempFolder();
        string[] files =
        [
            "yearbook_gdp_2019-2022.xlsx", "yearbook_gdp_index_2019-2022.xlsx", "stacked_indexes_2021-2022.xlsx", "quarterly_gdp_index_2023.xlsx",
            "monthly_growth_2023_legacy.xls", "province_indicators_2022_gb18030.csv", "gdp_verification_2022.xlsx", "nbs_quarterly_gdp_2023.xlsx",
            "city_ranking_2023-10.xlsx", "stacked_tables_2023-06.xlsx", "side_by_side_2023-06_gb18030.csv", "codes_stub_2023-06.xlsx",
            "regions_as_columns_2023-06.xlsx", "region_indicator_years.xlsx", "canonical_transposed.xlsx",
        ];

        var (code, output) = Run(["ingest", .. files.Select(f => Fixtures.Path("layouts/" + f)), "--data", tmp.File("data")]);

        Assert.True(code == StatsIngestCli.Ok, output);
        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        Assert.Equal(files.Length, store.Files().Count);
        var latest = store.LatestObservations();
        var index = latest.Single(o => o.Key == new SeriesKey("IVA_ALL", "全国", "_T", Basis.Year, Measure.IndexPreviousYear) && o.Period.Code == "2021");
        Assert.Equal((110.4, "上年=100", ObservationFlags.None), (index.Value!.Value, index.Unit, index.Flags));
        var fixedBase = latest.Single(o => o.Key == new SeriesKey("GDP", "全国", "_T", Basis.Year, Measure.IndexFixedBase) && o.Period.Code == "2022");
        Assert.Equal((4222.2, "1978=100"), (fixedBase.Value!.Value, fixedBase.Unit));
        var derived = store.AllObservations().Single(o => o.Key == new SeriesKey("GDP", "全国", "SEC1", Basis.YearToDate, Measure.YoY) && o.Period.Code == "2023-Q3");
        Assert.Equal((3.8, ObservationFlags.Derived, "D4"), (derived.Value!.Value, derived.Flags, derived.Source.Cell));
        var perCapita = latest.Single(o => o.Key.Indicator == "GDP_PC" && o.Period.Code == "2022");
        Assert.Equal((85698.0, "元", 1.0), (perCapita.Value!.Value, perCapita.Unit, perCapita.UnitFactor));
        Assert.Equal(48670.37, latest.Single(o => o.Key == new SeriesKey("GDP", "湖南省", "_T", Basis.Year, Measure.Level) && o.Period.Code == "2022").Value);
        Assert.Contains("workbook", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provincial_sheet_dropped_in_the_inbox_reads_right_in_the_workbook()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);

        service.Drop(Fixtures.Path("layouts/province_industry_2022-06.xlsx"), "2022年6月统计月报（工业）.xlsx");
        await service.WaitForDeliveries(1);
        var path = Path.Combine(service.Folders.Out, "2022-06", "StatsIngest_Summary_2022-06.xlsx");
        await RunningService.WaitUntil(() => File.Exists(path), "the workbook");

        var wb = new WorkbookContent(path);
        var data = SummaryWorkbookWriter.DataSheet;
        var total = wb.RowsWith(data, "IVA_ABOVE", "全省", "合计", "累计", "绝对量").Single();
        Assert.Equal(6876.5432, (double)total[wb.Column(data, "数值")]!, 10);
        Assert.Equal("亿元", total[wb.Column(data, "单位")]);
        Assert.Equal("D5", total[wb.Column(data, "单元格")]);
        Assert.Equal("68765432", total[wb.Column(data, "原始文本")]);
        Assert.Equal(0.0001, (double)total[wb.Column(data, "换算系数")]!, 12);
        var hitech = wb.RowsWith(data, "IVA_ABOVE", "当月", "同比增长(%)", "HITECH 高技术制造业").Single();
        Assert.Equal(137.0, hitech[wb.Column(data, "数值")]);
        Assert.Equal("其中（子项，不计入合计）", hitech[wb.Column(data, "标记")]);
        var source = wb.RowsWith(SummaryWorkbookWriter.SourcesSheet, "2022年6月统计月报（工业）.xlsx").Single();
        Assert.Equal("某某新兴产业", source[wb.Column(SummaryWorkbookWriter.SourcesSheet, "未映射标签")]);
        Assert.Equal("regional-monthly", source[wb.Column(SummaryWorkbookWriter.SourcesSheet, "版式")]);
    }

    [Fact]
    public async Task Every_layout_ingests_through_the_running_service()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);
        string[] files =
        [
            "nbs_monthly_2023-12_legacy.xls", "nbs_monthly_2023-02.xlsx", "city_regions_2022-06.xlsx", "portal_monthly_2023_gb18030.csv",
            "gdp_annual_2021_preliminary_gb18030.csv", "gdp_quarterly_2022.xlsx", "industry_scale_2021-2022.xlsx",
        ];

        foreach (var f in files)
        {
            service.Drop(Fixtures.Path("layouts/" + f));
        }

        await service.WaitForDeliveries(files.Length);

        Assert.All(service.Store.Deliveries(), d => Assert.Equal(DeliveryOutcome.Ingested, d.Outcome));
        Assert.Equal(
            ["gdp-accounts", "gdp-accounts", "industry-scale", "nbs-monthly", "nbs-monthly", "portal-export", "regional-monthly"],
            service.Store.Files().Select(f => f.Layout).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(service.Folders.Quarantine));
    }
}
