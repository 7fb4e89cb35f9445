using System.Text;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Normalize;

/// <summary>Negative fixtures, the error budget, configured rules and unmapped labels of the publication layouts.</summary>
public class PublishedLayoutProblemTests
{
    private static NormalizeResult Normalize(string path, SourceRule? rule = null) => PublishedLayoutTests.Normalize(path, rule);

    private static string Csv(TempFolder tmp, string name, params string[] lines)
    {
        var path = tmp.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public void A_table_with_no_period_anywhere_is_refused_column_by_column_and_says_what_the_closest_profile_missed()
    {
        var result = Normalize(Fixtures.Path("layouts/neg_no_period.xlsx"));

        Assert.Null(result.Layout);
        var errors = result.Errors.ToArray();
        Assert.Equal([("表1", 3, 2), ("表1", 3, 3)], errors.Where(e => e.Column is not null).Select(e => (e.Sheet!, e.Row!.Value, e.Column!.Value)));
        Assert.All(errors.Where(e => e.Column is not null), e => Assert.StartsWith("Expected a period for this column", e.Message, StringComparison.Ordinal));
        Assert.Contains("Cells without it: 2 cells (B4 … B5)", errors[0].Message, StringComparison.Ordinal);
        var summary = errors[^1].ToString();
        Assert.StartsWith("No table in this file could be read", summary, StringComparison.Ordinal);
        Assert.Contains("regional-monthly, which lacks a period in the title", summary, StringComparison.Ordinal);
        Assert.Contains("'全省规模以上工业增加值' ('表1'!A1)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_conflicting_units_are_an_error_at_the_header_cell()
    {
        var result = Normalize(Fixtures.Path("layouts/neg_conflicting_units.xlsx"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("表1", 3, 2), (error.Sheet, error.Row, error.Column));
        Assert.StartsWith("Two conflicting units: the unit row says 亿元, this column header says 万元.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_that_name_nothing_known_are_reported_per_column_and_the_report_lists_the_first_cells()
    {
        var result = Normalize(Fixtures.Path("layouts/neg_unknown_header.xlsx"));

        var errors = result.Errors.ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Equal(["甲", "乙"], errors.Take(2).Select(e => e.Found));
        Assert.All(errors.Take(2), e => Assert.Contains("names nothing StatsIngest knows", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("No table in this file could be read", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("'名目' ('表1'!A1)", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("期间/period", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_that_maps_to_nothing_is_stored_as_written_flagged_and_listed()
    {
        var result = Normalize(Fixtures.Path("layouts/province_industry_2022-06.xlsx"));

        Assert.Equal(["某某新兴产业"], result.Unmapped);
        var stored = result.Observations.Where(o => o.Key.Industry == "某某新兴产业").ToArray();
        Assert.Equal(4, stored.Length);
        Assert.All(stored, o => Assert.True(o.Flags.HasFlag(ObservationFlags.Unmapped)));
        var warning = Assert.Single(result.Warnings, w => w.Found == "某某新兴产业");
        Assert.Equal((14, 1), (warning.Row, warning.Column));
        Assert.Contains(result.Mappings, m => m.Label == "#装备制造业" && m.Subset && m.MappedTo.Contains("EQUIP", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_detail_cells_within_the_budget_are_skipped_and_reported()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "detail.csv",
            "2023年1-3月全省规模以上工业增加值", "项目,本月增长(%),累计增长(%)", "合计,5.1,4.8", "制造业,六点一,5.5", "采矿业,3.0,2.9");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        var skipped = Assert.Single(result.Warnings, w => w.Found == "六点一");
        Assert.Equal((4, 2), (skipped.Row, skipped.Column));
        Assert.Contains("the error budget allows 3 unreadable cells in detail rows, this file has 1: the cell is skipped", skipped.Message, StringComparison.Ordinal);
        Assert.Equal(5, result.Observations.Count);
        Assert.DoesNotContain(result.Observations, o => o.Key.Industry == "C" && o.Key.Basis == Basis.Month);
    }

    [Fact]
    public void An_unreadable_headline_cell_or_too_many_detail_cells_quarantine_the_file()
    {
        using var tmp = new TempFolder();
        var headline = Csv(tmp, "headline.csv",
            "2023年1-3月全省规模以上工业增加值", "项目,本月增长(%),累计增长(%)", "合计,五点一,4.8", "制造业,6.1,5.5");
        var details = Csv(tmp, "details.csv",
            "2023年1-3月全省规模以上工业增加值", "项目,本月增长(%),累计增长(%)", "合计,5.1,4.8", "制造业,?,?", "采矿业,?,?");

        var h = Assert.Single(Normalize(headline).Errors);
        Assert.Equal("五点一", h.Found);
        Assert.Contains("headline row; the error budget allows 0", h.Message, StringComparison.Ordinal);
        Assert.Equal(4, Normalize(details).Errors.Count());
        Assert.False(Normalize(details, new SourceRule { Name = "lenient", FileNamePattern = "*", DetailErrorBudget = 4 }).HasErrors);
    }

    [Fact]
    public void A_rule_gives_period_region_unit_and_layout_the_table_does_not_say()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "长沙月报.csv", "规模以上工业增加值", "项目,本月,累计", "合计,1234.5,6789", "制造业,1000.1,5600.2");
        var rule = new SourceRule { Name = "长沙", FileNamePattern = "长沙*.csv", Layout = "regional-monthly", Period = "2023年1—6月", Region = "长沙市", Unit = "万元" };

        Assert.True(Normalize(path).HasErrors);
        var result = Normalize(path, rule);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal("regional-monthly", result.Layout);
        var total = result.Observations.Single(o => o.Key is { Industry: "_T", Basis: Basis.YearToDate });
        Assert.Equal(("长沙市", "2023-06", 0.6789, "亿元", 0.0001), (total.Key.Region, total.Period.Code, total.Value, total.Unit, total.UnitFactor));
        Assert.Contains(result.Details, d => d.ToString().Contains("chosen by the rule '长沙'", StringComparison.Ordinal));
        Assert.Contains(result.Details, d => d.ToString().Contains("from rule '长沙'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_unit_column_gives_each_product_row_its_unit_and_a_combined_unit_row_its_level_unit()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "products.csv",
            "2023年1-6月全省主要工业产品产量", "单位：万元、%", "产品名称,计量单位,本月,1-6月累计,累计增长(%)",
            "钢材,万吨,812.5,4790.1,3.2", "工业机器人,套,1520,8830,12.0", "出口交货值,,120000,680000,-1.1");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        var steel = result.Observations.Single(o => o.Key is { Indicator: "P_STEEL", Basis: Basis.YearToDate, Measure: Measure.Level });
        Assert.Equal((4790.1, "万吨", 1.0), (steel.Value!.Value, steel.Unit, steel.UnitFactor));
        Assert.Equal("套", result.Observations.First(o => o.Key.Indicator == "P_ROBOT").Unit);
        var export = result.Observations.Single(o => o.Key is { Indicator: "EXPORT_DELIVERY", Basis: Basis.YearToDate, Measure: Measure.Level });
        Assert.Equal((68.0, "亿元"), (export.Value!.Value, export.Unit));
    }

    [Fact]
    public void A_sheet_no_layout_reads_is_a_warning_when_another_sheet_is_read()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("two_sheets.xlsx");
        using (var wb = new ClosedXML.Excel.XLWorkbook())
        {
            var data = wb.Worksheets.Add("数据");
            data.Cell(1, 1).SetValue("2023年1-3月全省规模以上工业增加值");
            data.Cell(2, 1).SetValue("项目");
            data.Cell(2, 2).SetValue("本月增长(%)");
            data.Cell(3, 1).SetValue("合计");
            data.Cell(3, 2).SetValue(5.1);
            var other = wb.Worksheets.Add("说明");
            other.Cell(1, 1).SetValue("名目");
            other.Cell(1, 2).SetValue("甲");
            other.Cell(2, 1).SetValue("某某");
            other.Cell(2, 2).SetValue(12);
            wb.SaveAs(path);
        }

        var result = Normalize(path);

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Warnings, w => w.Sheet == "说明");
        Assert.StartsWith("This sheet was not read: the table A1:B2 gives no value a complete key", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'甲'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_column_maps_rows_whose_names_are_unknown()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "codes.csv",
            "2023年1-3月全省规模以上工业增加值", "行业名称,行业代码,累计增长(%)", "合计,,4.8", "计算机及电子设备制造,39,9.9", "专用设备制造,35,6.0");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Empty(result.Unmapped);
        Assert.Equal(["_T", "39", "35"], result.Observations.Select(o => o.Key.Industry));
    }

    /// <summary>
    /// A table whose title names no region opens with its total row "全省" and goes on with that total's breakdown by
    /// ownership and by industry: the industry rows were given the default region (全国), the province's 制造业 growth
    /// stored as the nation's, silently. The table's one region row names the region of its rows that name none.
    /// </summary>
    [Fact]
    public void The_one_region_row_of_a_table_is_the_region_of_its_rows_that_name_none()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "分类.csv", "2023年1-10月规模以上工业增加值", "项目,增速(%)", "全省,4.3", "  #国有控股企业,3.1", "制造业,4.8", "  其中：汽车制造业,10.2");
        var two = Csv(tmp, "两地.csv", "2023年1-10月规模以上工业增加值", "项目,增速(%)", "全国,4.0", "全省,4.3", "制造业,4.8");

        var result = Normalize(path);
        var twoRegions = Normalize(two);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["全省"], result.Observations.Select(o => o.Key.Region).Distinct());
        Assert.Equal(4, result.Observations.Count);
        Assert.Equal("全国", twoRegions.Observations.Single(o => o.Key.Industry == "C").Key.Region); // two regions: none is the table's
    }

    /// <summary>
    /// Offices put each growth beside its level: "10月 | 同比±% | 1-10月 | 同比±%" was refused (both growths read as the
    /// month's, two values for one key), "10月 | 1-10月 | 同比±%" stored the year to date's growth as the month's. A growth
    /// column naming no period, right of a period of another basis than the title's, is that period's; beside one of the
    /// title's basis ("2022年 | 2021年 | 增长") the title's period stays; under a title naming none, the latest period of
    /// that basis is the growth's ("2023年1-10月 | 2022年1-10月 | 增长": read as 2022's, silently, by the first version of this).
    /// </summary>
    [Fact]
    public void A_growth_column_naming_no_period_is_the_growth_of_the_period_to_its_left()
    {
        using var tmp = new TempFolder();
        var pairs = Csv(tmp, "成对.csv", "2023年10月全省工业主要指标", "指标名称,单位,10月,同比±%,1-10月,同比±%", "规模以上工业增加值,亿元,3210.5,5.1,30123.4,4.3");
        var last = Csv(tmp, "末列.csv", "2023年10月全省工业主要指标", "指标名称,单位,10月,1-10月,同比±%", "规模以上工业增加值,亿元,3210.5,30123.4,4.3");
        var years = Csv(tmp, "两年.csv", "2022年全省地区生产总值", "单位：亿元", "指标,2022年,2021年,增长(%)", "地区生产总值,129118.58,124369.72,1.9");
        var untitled = Csv(tmp, "无期.csv", "全省规模以上工业增加值", "指标,2023年1-10月,2022年1-10月,增长(%)", "规模以上工业增加值(亿元),30123.4,28880.2,4.3");

        string[] Read(string path)
        {
            var result = Normalize(path);
            Assert.False(result.HasErrors, string.Join("\n", result.Problems));
            return result.Observations.Select(o => $"{o.Key.Basis} {o.Key.Measure} {o.Period.Code} {o.Value}").ToArray();
        }

        Assert.Equal(["Month Level 2023-10 3210.5", "Month YoY 2023-10 5.1", "YearToDate Level 2023-10 30123.4", "YearToDate YoY 2023-10 4.3"], Read(pairs));
        Assert.Equal(["Month Level 2023-10 3210.5", "YearToDate Level 2023-10 30123.4", "YearToDate YoY 2023-10 4.3"], Read(last));
        Assert.Equal(["Year Level 2022 129118.58", "Year Level 2021 124369.72", "Year YoY 2022 1.9"], Read(years));
        Assert.Equal(["YearToDate Level 2023-10 30123.4", "YearToDate Level 2022-10 28880.2", "YearToDate YoY 2023-10 4.3"], Read(untitled));
    }

    /// <summary>
    /// "本月 | 上年同月 | 增长(%) | 1-10月 | 上年同期 | 增长(%)": each level with last year's figure and the growth beside
    /// it. 上年同月 was no known word (its column refused with a warning), and the second growth, right of last year's
    /// column rather than of its level, was read as the month's: two values for one key, the file refused. Last year's
    /// figure (上年同月, 上年同季 as 上年同期) is not stored, and a growth column looks past it to its level.
    /// </summary>
    [Fact]
    public void A_growth_beside_last_years_figure_is_the_growth_of_the_level_before_it()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "d_2023-10.csv", "湖南省2023年10月规模以上工业增加值", "单位：亿元",
            "指标,本月,上年同月,增长(%),1-10月,上年同期,增长(%)", "规模以上工业增加值,1234.5,1160.0,6.1,11890.2,11230.4,5.8");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["Month Level 2023-10 1234.5 B4", "Month YoY 2023-10 6.1 D4", "YearToDate Level 2023-10 11890.2 E4", "YearToDate YoY 2023-10 5.8 G4"],
            result.Observations.Select(o => $"{o.Key.Basis} {o.Key.Measure} {o.Period.Code} {o.Value} {o.Source.Cell}"));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("names nothing", StringComparison.Ordinal));
    }

    /// <summary>
    /// Monthly series write the year once, at the first period of the year: "2023年1-2月 | 3月 | 4月" across the header,
    /// or down the rows. The later months were refused ("Expected a period … Found none anywhere in the sheet") although
    /// the year stood two cells away. A period without a year after one with a year, not earlier in the year, takes its
    /// year when nothing else gives one; "2022年12月 | 1月" gives none (the year turned), and a title's year still wins.
    /// </summary>
    [Fact]
    public void A_month_without_a_year_after_a_dated_period_takes_its_year()
    {
        using var tmp = new TempFolder();
        var across = Csv(tmp, "across.csv", "广东省规模以上工业增加值增速（%）", "指标,2023年1-2月,3月,4月", "同比增长,-2.6,5.1,6.2");
        var down = Csv(tmp, "down.csv", "广东省规模以上工业增加值增速（%）", "月份,同比增长,累计增长", "2023年1-2月,-2.6,-2.6", "3月,5.1,1.3", "4月,6.2,2.6");
        var turned = Csv(tmp, "turned.csv", "广东省规模以上工业增加值增速（%）", "指标,2022年11月,12月,1月", "同比增长,3.1,2.9,4.0");
        var titled = Csv(tmp, "titled.csv", "广东省2024年规模以上工业增加值增速（%）", "指标,2023年1-2月,3月", "同比增长,-2.6,5.1");

        string[] Read(string path, bool errors = false)
        {
            var result = Normalize(path);
            Assert.Equal(errors, result.HasErrors);
            return result.Observations.Select(o => $"{o.Key.Basis} {o.Period.Code} {o.Value}").ToArray();
        }

        Assert.Equal(["YearToDate 2023-02 -2.6", "Month 2023-03 5.1", "Month 2023-04 6.2"], Read(across));
        Assert.Equal(["YearToDate 2023-02 -2.6", "Month 2023-03 5.1", "YearToDate 2023-03 1.3", "Month 2023-04 6.2", "YearToDate 2023-04 2.6"], Read(down));
        Assert.Equal(["Month 2022-11 3.1", "Month 2022-12 2.9"], Read(turned, errors: true));
        Assert.Equal(["YearToDate 2023-02 -2.6", "Month 2024-03 5.1"], Read(titled));

        // validate's row-label lines say the year a row took, not "3月" alone.
        Assert.Equal(["2023年1—2月", "2023年3月 (its year from a row above)", "2023年4月 (its year from a row above)"],
            Normalize(down).Mappings.Select(m => m.MappedTo[(m.MappedTo.IndexOf(", ", StringComparison.Ordinal) + 2)..]));
    }

    /// <summary>
    /// A data portal's export names its series in the title ("指标：规模以上工业增加值累计增长(%)") and indexes it by month:
    /// "2023年10月" is the year to October. The title's 累计 was not read, and the growths to date were stored as the
    /// months' growths. A basis the title names alone is that of the periods written as one month or one quarter; a
    /// span a column writes itself (1-10月) is its own, and a title naming two bases (当月及累计) gives none.
    /// </summary>
    [Fact]
    public void A_basis_the_title_names_is_the_basis_of_months_and_quarters_written_alone()
    {
        using var tmp = new TempFolder();
        var months = Csv(tmp, "累计.csv", "数据库：分省月度数据", "指标：规模以上工业增加值累计增长(%)", "地区,2023年10月,2023年9月", "北京市,3.0,3.1", "天津市,3.5,3.3");
        var quarters = Csv(tmp, "当季.csv", "指标：国内生产总值当季值(亿元)", "地区,2023年第二季度,2023年第一季度", "北京市,11158.5,10475.9");
        var toDate = Csv(tmp, "季累计.csv", "指标：国内生产总值累计值(亿元)", "地区,2023年第二季度,2023年第一季度", "北京市,21634.4,10475.9");
        var spans = Csv(tmp, "跨度.csv", "2023年规模以上工业增加值累计增速(%)", "地区,1-10月,1-9月", "北京市,3.0,3.1");
        var both = Csv(tmp, "两者.csv", "2023年规模以上工业增加值当月及累计增速(%)", "地区,10月,1-10月", "北京市,2.1,3.0");

        string[] Read(string path)
        {
            var result = Normalize(path);
            Assert.False(result.HasErrors, string.Join("\n", result.Problems));
            return result.Observations.Select(o => $"{o.Key.Region} {o.Key.Basis} {o.Key.Measure} {o.Period.Code} {o.Value}").ToArray();
        }

        Assert.Equal(["北京市 YearToDate YoY 2023-10 3", "北京市 YearToDate YoY 2023-09 3.1", "天津市 YearToDate YoY 2023-10 3.5", "天津市 YearToDate YoY 2023-09 3.3"], Read(months));
        Assert.Equal(["北京市 Quarter Level 2023-Q2 11158.5", "北京市 Quarter Level 2023-Q1 10475.9"], Read(quarters));
        Assert.Equal(["北京市 YearToDate Level 2023-Q2 21634.4", "北京市 YearToDate Level 2023-Q1 10475.9"], Read(toDate));
        Assert.Equal(["北京市 YearToDate YoY 2023-10 3", "北京市 YearToDate YoY 2023-09 3.1"], Read(spans));
        Assert.Equal(["北京市 Month YoY 2023-10 2.1", "北京市 YearToDate YoY 2023-10 3"], Read(both));
    }

    /// <summary>
    /// The portal's quarterly export: "第二产业增加值当季值" was stored as a part of 规模以上工业增加值 (the profile's guess of
    /// the indicator beat the sector's own, GDP), and "国内生产总值指数(上年同期=100)_当季值" was not stored at all (the
    /// '上年同期' of its index base taken for last year's figure restated).
    /// </summary>
    [Fact]
    public void A_portal_export_s_sector_rows_are_gdp_s_and_its_index_rows_with_a_suffix_are_indices()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "季度.csv", "数据库：季度数据", "指标,2023年第四季度,2023年第三季度,2023年第二季度",
            "国内生产总值当季值(亿元),344166,319761,308038", "第二产业增加值当季值(亿元),125706,122200,118311",
            "国内生产总值指数(上年同期=100)_当季值,105.2,104.9,106.3", "规模以上工业增加值累计增长(%),4.6,4.0,3.8");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(
            ["GDP._T.Q.L 2023-Q4 344166", "GDP.SEC2.Q.L 2023-Q4 125706", "GDP._T.Q.IDX_PY 2023-Q4 105.2", "IVA_ABOVE._T.YTD.YOY 2023-Q4 4.6", "GDP._T.Q.YOY 2023-Q4 5.2"],
            result.Observations.Where(o => o.Period.Code == "2023-Q4")
                .Select(o => $"{o.Key.Indicator}.{o.Key.Industry}.{Codes.Of(o.Key.Basis)}.{Codes.Of(o.Key.Measure)} {o.Period.Code} {o.Value}"));
    }

    /// <summary>
    /// A data platform's long export puts the unit after the value ("地区,指标名称,统计时间,数值,单位"): the column was
    /// refused as naming nothing, and 3210000 万元 was stored as 3210000 亿元. A last column headed 单位 whose cells are
    /// units is the rows' unit column, as it is left of the values.
    /// </summary>
    [Fact]
    public void A_unit_column_after_the_values_gives_each_row_its_unit()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "长表.csv", "地区,指标名称,统计时间,数值,单位", "湖南省,规模以上工业增加值,2023-10,3210000,万元",
            "湖南省,规模以上工业增加值同比增长,2023-10,5.1,%", "湖南省,发电量,2023-10,12300,万千瓦时");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["IVA_ABOVE L 321 亿元", "IVA_ABOVE YOY 5.1 %", "P_POWER L 1.23 亿千瓦时"],
            result.Observations.Select(o => $"{o.Key.Indicator} {Codes.Of(o.Key.Measure)} {o.Value} {o.Unit}"));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("单位", StringComparison.Ordinal));
    }

    /// <summary>
    /// In a long export with a region column, an unknown 指标名称 ("工业用电量") was taken for an unmapped region — what most
    /// cells of the row's stub named — and its values refused for want of an indicator, while the warning said they were
    /// stored. An unknown label is what most cells of its own column name.
    /// </summary>
    [Fact]
    public void An_unknown_label_is_unmapped_in_the_dimension_of_its_own_column()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "长表.csv", "地区,指标名称,统计时间,数值", "湖南省,规模以上工业增加值同比增长,2023-10,5.1", "湖南省,工业用电量,2023-10,123.4",
            "湖北省,规模以上工业增加值同比增长,2023-10,4.9");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["湖南省 IVA_ABOVE YOY 5.1 False", "湖南省 工业用电量 L 123.4 True", "湖北省 IVA_ABOVE YOY 4.9 False"],
            result.Observations.Select(o => $"{o.Key.Region} {o.Key.Indicator} {Codes.Of(o.Key.Measure)} {o.Value} {o.Flags.HasFlag(ObservationFlags.Unmapped)}"));
    }

    /// <summary>
    /// A data platform's long export writes its period as a number (统计时间 202310) after the region and the indicator:
    /// a column of periods was a stub column only when it came first, and the file was refused. Under a period header
    /// (时间, 统计时间, 年月 …) it is one wherever it stands.
    /// </summary>
    [Fact]
    public void A_period_column_under_a_period_header_is_a_stub_column_wherever_it_stands()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "长表.csv", "地区,指标名称,统计时间,数值", "湖南省,规模以上工业增加值同比增长,202310,5.1",
            "湖南省,规模以上工业增加值同比增长,202309,4.9", "湖北省,规模以上工业增加值同比增长,202310,4.7");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["湖南省 2023-10 5.1", "湖南省 2023-09 4.9", "湖北省 2023-10 4.7"],
            result.Observations.Select(o => $"{o.Key.Region} {o.Period.Code} {o.Value}"));
    }

    /// <summary>
    /// "全省规模以上工业" heading a table of growth rates was an unmapped label whose '规模' (of 规模以上) was taken for a
    /// level word: its growths 5.1 and 4.3 were stored as levels of 5.1 and 4.3 亿元, silently. A row naming a region
    /// and then an entry is that region's entry; '规模' says a level only as 产业规模 or 经营规模.
    /// </summary>
    [Fact]
    public void A_row_naming_a_region_and_its_total_is_that_total_and_规模以上_says_no_level()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "分门类.csv", "2023年1-10月规模以上工业增加值", "项    目,10月增速(%),1-10月增速(%)", "全省规模以上工业,5.1,4.3",
            "按三大门类分,,", "  采 矿 业,2.0,2.9", "  制 造 业,5.5,4.4");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(
            ["全省 _T Month 5.1 %", "全省 _T YearToDate 4.3 %", "全省 B Month 2 %", "全省 B YearToDate 2.9 %", "全省 C Month 5.5 %", "全省 C YearToDate 4.4 %"],
            result.Observations.Select(o => $"{o.Key.Region} {o.Key.Industry} {o.Key.Basis} {o.Value} {o.Unit}"));
        Assert.All(result.Observations, o => Assert.Equal(Measure.YoY, o.Key.Measure));
    }

    /// <summary>
    /// "工业销售产值" under "1-10月(%)": the 产值 of an unmapped label said a level, and its growth 5.9 was stored as 5.9 亿元.
    /// The % says the measure, as for a label mapped whole (营业收入 under % is its growth); a ratio (工业产品销售率,
    /// 营业收入利润率) is not stored.
    /// </summary>
    [Fact]
    public void A_level_word_in_a_label_under_a_percent_unit_is_the_growth_the_percent_says()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "效益.csv", "2023年1-10月全省工业经济效益指标", "项目,1-10月(%)", "营业收入,5.6", "工业销售产值,5.9", "营业收入利润率,5.8", "工业产品销售率,97.5");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(["REVENUE YoY 5.6 %", "工业销售产值 YoY 5.9 %"], result.Observations.Select(o => $"{o.Key.Indicator} {o.Key.Measure} {o.Value} {o.Unit}"));
    }

    /// <summary>
    /// A last row whose value is no number ("新产品产值 | abc") was taken, by its 产值, for the header of a table below with
    /// no data, and dropped without a word. Such rows are said, where they are.
    /// </summary>
    [Fact]
    public void Rows_after_a_table_that_hold_no_number_are_said_not_dropped_silently()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "末行.csv", "2023年1-10月全省工业经济效益指标", "项目,1-10月(%)", "营业收入,5.6", "新产品产值,abc");

        var result = Normalize(path);

        Assert.Single(result.Observations);
        var warning = Assert.Single(result.Warnings, w => w.Row == 4);
        Assert.Equal((1, "新产品产值"), (warning.Column, warning.Found));
        Assert.StartsWith("The cells A4:B4 after the table A1:B3 hold no number and were not read", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_region_table_the_regions_are_detail_rows_for_the_error_budget()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "regions.csv",
            "2022年上半年各市州规模以上工业增加值增速", "市州,1-6月同比增长(%)", "全省,5.8", "长沙市,六点九", "株洲市,5.1");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Contains(result.Warnings, w => w.Found == "六点九" && w.Message.Contains("detail row", StringComparison.Ordinal));
    }

    [Fact]
    public void A_label_of_two_code_lists_is_decided_by_its_unit_section_or_stub_header_and_otherwise_reported_ambiguous()
    {
        using var tmp = new TempFolder();
        var ambiguous = Csv(tmp, "a.csv", "2023年1-6月全省工业", "项目,1-6月累计,累计增长(%)", "合计,1000,5.0", "新能源汽车,88,30.1");
        var byUnit = Csv(tmp, "b.csv", "2023年1-6月全省工业", "项目,1-6月累计,累计增长(%)", "合计,1000,5.0", "新能源汽车（万辆）,88,30.1");
        var byStub = Csv(tmp, "c.csv", "2023年1-6月全省重点产业营业收入", "单位：亿元", "产业,1-6月累计,累计增长(%)", "装备制造产业,1000,5.0", "新能源汽车,88,30.1");

        var error = Assert.Single(Normalize(ambiguous).Errors);
        Assert.Equal((4, 1, "新能源汽车"), (error.Row!.Value, error.Column!.Value, error.Found));
        Assert.Contains("products P_NEV (products.json) and industries NEV (industries.json)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Normalize(byUnit).Observations, o => o.Key.Indicator == "P_NEV" && o.Unit == "万辆");
        Assert.Contains(Normalize(byStub).Observations, o => o.Key is { Indicator: "REVENUE", Industry: "NEV" });
    }

    [Fact]
    public void Two_profiles_that_fit_equally_and_read_a_table_differently_are_reported_ambiguous()
    {
        using var tmp = new TempFolder();
        var path = Csv(tmp, "t.csv", "2023年1-6月全省", "项目,1-6月累计", "制造业,5.0");
        ProfileFeature[] features = [new("a period in the title", [new ProfileTest(ProfileTestKind.TitlePeriod, [], 1)])];
        var profiles = new ProfileCatalog([new Profile("first", "one", 1, "IVA_ABOVE", features), new Profile("second", "another", 1, "REVENUE", features)]);
        var grid = StatsIngest.Read.GridReader.Read(path);

        var result = new Normalizer(Tables.Lexicon, profiles).Normalize(grid, Tables.Context(grid.FileName));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("The table A1:B3 is ambiguous: it fits the profiles first and second equally, and they read it differently.", error.Message, StringComparison.Ordinal);
    }
}
