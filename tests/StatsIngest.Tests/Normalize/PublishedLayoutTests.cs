using System.Globalization;
using System.Text;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Normalize;

/// <summary>
/// Each publication layout against its fixture (.xlsx, and .xls / GB18030 CSV where offices publish them so) and a
/// golden canonical CSV. A changed golden file is a reviewed diff: set STATSINGEST_UPDATE_GOLDEN=1 to rewrite them
/// in the source tree, then read the diff.
/// </summary>
public class PublishedLayoutTests
{
    public static NormalizeResult Normalize(string path, SourceRule? rule = null) => Tables.Normalize(path, rule);

    [Theory]
    [InlineData("nbs_monthly_2023-12.xlsx", "nbs-monthly", "nbs_monthly_2023-12")]
    [InlineData("nbs_monthly_2023-12_legacy.xls", "nbs-monthly", "nbs_monthly_2023-12")]
    [InlineData("nbs_monthly_2023-02.xlsx", "nbs-monthly", "nbs_monthly_2023-02")]
    [InlineData("province_industry_2022-06.xlsx", "regional-monthly", "province_industry_2022-06")]
    [InlineData("province_industry_2022-06_legacy.xls", "regional-monthly", "province_industry_2022-06")]
    [InlineData("province_industry_2022-06_gb18030.csv", "regional-monthly", "province_industry_2022-06")]
    [InlineData("city_regions_2022-06.xlsx", "regional-monthly", "city_regions_2022-06")]
    [InlineData("portal_monthly_2023.xlsx", "portal-export", "portal_monthly_2023")]
    [InlineData("portal_monthly_2023_gb18030.csv", "portal-export", "portal_monthly_2023")]
    [InlineData("gdp_annual_2021_final.xlsx", "gdp-accounts", "gdp_annual_2021_final")]
    [InlineData("gdp_annual_2021_final_legacy.xls", "gdp-accounts", "gdp_annual_2021_final")]
    [InlineData("gdp_annual_2021_preliminary.xlsx", "gdp-accounts", "gdp_annual_2021_preliminary")]
    [InlineData("gdp_annual_2021_preliminary_gb18030.csv", "gdp-accounts", "gdp_annual_2021_preliminary")]
    [InlineData("gdp_quarterly_2022.xlsx", "gdp-accounts", "gdp_quarterly_2022")]
    [InlineData("industry_scale_2021-2022.xlsx", "industry-scale", "industry_scale_2021-2022")]
    [InlineData("yearbook_gdp_2019-2022.xlsx", "table", "yearbook_gdp_2019-2022")]
    [InlineData("yearbook_gdp_2019-2022_legacy.xls", "table", "yearbook_gdp_2019-2022")]
    [InlineData("yearbook_gdp_index_2019-2022.xlsx", "table", "yearbook_gdp_index_2019-2022")]
    [InlineData("stacked_indexes_2021-2022.xlsx", "table", "stacked_indexes_2021-2022")]
    [InlineData("quarterly_gdp_index_2023.xlsx", "table", "quarterly_gdp_index_2023")]
    [InlineData("levels_and_index_2022.xlsx", "gdp-accounts", "levels_and_index_2022")]
    [InlineData("monthly_growth_2023.xlsx", "regional-monthly", "monthly_growth_2023")]
    [InlineData("monthly_growth_2023_legacy.xls", "regional-monthly", "monthly_growth_2023")]
    [InlineData("monthly_growth_rows_2023.xlsx", "regional-monthly", "monthly_growth_rows_2023")]
    [InlineData("province_indicators_2022_gb18030.csv", "table", "province_indicators_2022")]
    [InlineData("gdp_verification_2022.xlsx", "table", "gdp_verification_2022")]
    [InlineData("gdp_industry_years_preliminary.xlsx", "table", "gdp_industry_years_preliminary")]
    [InlineData("gdp_industry_years_preliminary_gb18030.csv", "table", "gdp_industry_years_preliminary")]
    [InlineData("nbs_quarterly_gdp_2023.xlsx", "gdp-accounts", "nbs_quarterly_gdp_2023")]
    [InlineData("city_ranking_2023-10.xlsx", "regional-monthly", "city_ranking_2023-10")]
    [InlineData("stacked_tables_2023-06.xlsx", "regional-monthly", "stacked_tables_2023-06")]
    [InlineData("stacked_tables_2023-06_legacy.xls", "regional-monthly", "stacked_tables_2023-06")]
    [InlineData("side_by_side_2023-06.xlsx", "regional-monthly", "side_by_side_2023-06")]
    [InlineData("side_by_side_2023-06_gb18030.csv", "regional-monthly", "side_by_side_2023-06")]
    [InlineData("side_by_side_repeated_stub_2023-12.xlsx", "regional-monthly", "side_by_side_repeated_stub_2023-12")]
    [InlineData("codes_stub_2023-06.xlsx", "regional-monthly", "codes_stub_2023-06")]
    [InlineData("regions_as_columns_2023-06.xlsx", "table", "regions_as_columns_2023-06")]
    [InlineData("region_indicator_years.xlsx", "portal-export", "region_indicator_years")]
    [InlineData("canonical_transposed.xlsx", "canonical", "canonical_transposed")]
    [InlineData("unseen_basis_in_stub_2024-03.xlsx", "table", "unseen_basis_in_stub_2024-03")]
    [InlineData("unseen_fullwidth_quarter_2024.xlsx", "table", "unseen_fullwidth_quarter_2024")]
    [InlineData("unseen_products_unit_column_2024-03.xlsx", "regional-monthly", "unseen_products_unit_column_2024-03")]
    [InlineData("unseen_quarters_as_rows_2023.xlsx", "table", "unseen_quarters_as_rows_2023")]
    [InlineData("unseen_quarters_rows_portal_gb18030.csv", "table", "unseen_quarters_rows_portal")]
    [InlineData("unseen_regions_years_unit_in_title.xlsx", "table", "unseen_regions_years_unit_in_title")]
    [InlineData("unseen_year_alone_months_rows_2024.xlsx", "regional-monthly", "unseen_year_alone_months_rows_2024")]
    [InlineData("unseen_yearbook_wanyuan_subset_column.xlsx", "table", "unseen_yearbook_wanyuan_subset_column")]
    [InlineData("unseen_years_over_months.xlsx", "table", "unseen_years_over_months")]
    public void Layout_is_detected_and_reads_as_the_golden_canonical_table(string fixture, string layout, string golden)
    {
        var result = Normalize(Fixtures.Path("layouts/" + fixture));

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal(layout, result.Layout);
        AssertGolden(golden, Render(result.Observations));
    }

    /// <summary>
    /// Footnote marks after row labels, a header and values ("采矿业①", "制造业²", "合  计(注1)", "1-6月（注2）", "6.9*")
    /// leave the table's observations as they are without them: '①' folded was a digit ("采矿业1", unmapped), "(注1)" was
    /// taken for the total's unit (its 万元 not converted).
    /// </summary>
    [Fact]
    public void Footnote_marks_after_labels_headers_and_values_leave_the_observations_as_without_them()
    {
        using var tmp = new TempFolder();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var marked = File.ReadAllText(Fixtures.Path("layouts/province_industry_2022-06_gb18030.csv"), Encoding.GetEncoding("GB18030"));
        foreach (var (from, to) in new[] { ("\n采矿业,", "\n采矿业①,"), ("\n制造业,10987654,6.9,", "\n制造业²,10987654,6.9*,"), ("\n合  计,", "\n合  计(注1),"), ("\"1-6月\n", "\"1-6月（注2）\n") })
        {
            Assert.Contains(from, marked, StringComparison.Ordinal);
            marked = marked.Replace(from, to, StringComparison.Ordinal);
        }

        var path = tmp.File("marked.csv");
        File.WriteAllText(path, marked, Encoding.UTF8);

        var expected = Normalize(Fixtures.Path("layouts/province_industry_2022-06_gb18030.csv"));
        var result = Normalize(path);

        Assert.Equal(36, expected.Observations.Count);
        Assert.Equal(Render(expected.Observations).Split('\n').Select(l => string.Join(',', l.Split(',').Take(11))), // up to the cell: the raw texts differ by their marks
            Render(result.Observations).Split('\n').Select(l => string.Join(',', l.Split(',').Take(11))));
    }

    /// <summary>A percent where levels in 亿元 are read (a growth rate in a column taken for levels, a canonical row saying level) is refused at its cell, not stored as 4.6 亿元.</summary>
    [Fact]
    public void A_percent_read_as_a_level_is_an_error_at_its_cell()
    {
        using var tmp = new TempFolder();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var table = File.ReadAllText(Fixtures.Path("layouts/province_industry_2022-06_gb18030.csv"), Encoding.GetEncoding("GB18030"));
        Assert.Contains("\n采矿业,456789,", table, StringComparison.Ordinal);
        var path = tmp.File("table.csv");
        File.WriteAllText(path, table.Replace("\n采矿业,456789,", "\n采矿业,4.6%,", StringComparison.Ordinal), Encoding.UTF8);
        var canonical = tmp.File("canonical.csv");
        File.WriteAllText(canonical, "period,region,indicator,basis,measure,value,unit,status\n2021,全国,GDP,year,level,5.8%,亿元,final\n2021,全国,GDP,year,yoy,8.4%,%,final\n");

        var result = Normalize(path);
        var canonicalError = Assert.Single(Normalize(canonical).Errors);

        var problem = Assert.Single(result.Problems, p => p.Row == 7 && p.Column == 2); // a detail row's: within the error budget, a warning
        Assert.Contains("This cell is a percent, but it is read as a level in 亿元", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Observations, o => o.Source.Cell == "B7");
        Assert.Equal((2, 6, "5.8%"), (canonicalError.Row, canonicalError.Column, canonicalError.Found));
    }

    private static string Render(IEnumerable<Observation> observations)
    {
        var sb = new StringBuilder("period,region,indicator,industry,basis,measure,value,unit,unit_factor,status,flags,cell,raw_text,label\n");
        foreach (var o in observations)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{o.Period.Code},{o.Key.Region},{o.Key.Indicator},{o.Key.Industry},{StatsIngest.Domain.Codes.Of(o.Key.Basis)},{StatsIngest.Domain.Codes.Of(o.Key.Measure)},{o.Value?.ToString("R", CultureInfo.InvariantCulture)},{o.Unit},{o.UnitFactor.ToString("R", CultureInfo.InvariantCulture)},{StatsIngest.Domain.Codes.Of(o.Status)},{StatsIngest.Domain.Codes.Of(o.Flags).Replace(',', '+')},{o.Source.Cell},{Quote(o.Source.RawText)},{Quote(o.Label)}\n");
        }

        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static void AssertGolden(string name, string actual)
    {
        var path = Fixtures.Path($"layouts/golden/{name}.csv");
        if (Environment.GetEnvironmentVariable("STATSINGEST_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceTree(), "tests", "StatsIngest.Tests", "Fixtures", "layouts", "golden", name + ".csv");
            File.WriteAllText(source, actual, new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}: run the tests once with STATSINGEST_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceTree()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatsIngest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("StatsIngest.sln not found above the test binaries.");
    }
}
