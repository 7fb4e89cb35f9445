using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Normalize;

public class CanonicalTableLayoutTests
{
    private static NormalizeResult Normalize(string path) => Tables.Normalize(path);

    [Fact]
    public void Chinese_headers_in_GB18030_give_coded_observations_with_provenance()
    {
        var result = Normalize(Fixtures.Path("canonical_gb18030_no_bom.csv"));

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal("canonical", result.Layout);
        Assert.Equal(4, result.Observations.Count);
        var gdp = result.Observations[0];
        Assert.Equal(new SeriesKey("GDP", "全国", "_T", Basis.Year, Measure.Level), gdp.Key);
        Assert.Equal("2022", gdp.Period.Code);
        Assert.Equal(1210207, gdp.Value);
        Assert.Equal("亿元", gdp.Unit);
        Assert.Equal(ObservationStatus.Provisional, gdp.Status);
        Assert.Equal(new Provenance("canonical_gb18030_no_bom.csv", "sha", "CSV", "F2", "1210207"), gdp.Source);
        Assert.Single(result.Notes);
    }

    /// <summary>The names data platforms give the period and region columns (统计年月, 行政区划): the table was not taken as canonical.</summary>
    [Fact]
    public void A_platform_export_naming_its_columns_统计年月_and_行政区划_is_canonical()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("导出.csv");
        File.WriteAllText(path, "统计年月,行政区划,指标名称,口径,度量,数值,计量单位\n202310,广东省,规模以上工业增加值,累计,同比,3.9,%\n");

        var result = Normalize(path);

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        Assert.Equal("canonical", result.Layout);
        Assert.Equal((new SeriesKey("IVA_ABOVE", "广东省", "_T", Basis.YearToDate, Measure.YoY), "2023-10", 3.9),
            (result.Observations.Single().Key, result.Observations.Single().Period.Code, result.Observations.Single().Value));
    }

    [Fact]
    public void Missing_markers_become_status_missing_and_one_to_two_months_stays_one_period()
    {
        var result = Normalize(Fixtures.Sample(Fixtures.Monthly2023));

        Assert.False(result.HasErrors, string.Join("\n", result.Problems));
        var nov = result.Observations.Single(o => o.Period.Code == "2023-11" && o.Key.Basis == Basis.YearToDate);
        Assert.Null(nov.Value);
        Assert.Equal(ObservationStatus.Missing, nov.Status);
        Assert.DoesNotContain(result.Observations, o => o.Period.Code == "2023-01");
        Assert.Equal(2, result.Observations.Count(o => o.Period.Code == "2023-02"));
    }

    [Fact]
    public void Bad_cells_are_reported_with_sheet_row_column_and_the_text_found()
    {
        var result = Normalize(Fixtures.Path("bad_values_and_indicator.csv"));

        Assert.True(result.HasErrors);
        var errors = result.Errors.Select(e => e.ToString()).ToArray();
        Assert.Contains(errors, e => e.StartsWith("sheet 'CSV', row 3, column C (cell C3): Expected an indicator", StringComparison.Ordinal) && e.EndsWith("Found: '工业销售产值'.", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("sheet 'CSV', row 4, column F (cell F4): Expected a number", StringComparison.Ordinal) && e.EndsWith("Found: '三点零'.", StringComparison.Ordinal));
    }

    /// <summary>Excel and WPS take the leading zero off a division typed as a number ("06" becomes 6): one digit alone is the division it was.</summary>
    [Fact]
    public void A_division_that_lost_its_leading_zero_is_the_division_it_was()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("divisions.xlsx");
        HostileFiles.Xlsx(path, string.Concat(
            $"""<row r="1">{string.Concat(new[] { "period", "region", "indicator", "industry", "basis", "measure", "value", "unit", "status" }.Select((h, i) => HostileFiles.Text($"{(char)('A' + i)}1", h)))}</row>""",
            Row(2, HostileFiles.Number("D2", 6)), Row(3, HostileFiles.Number("D3", 13)), Row(4, HostileFiles.Number("D4", 1))));

        var result = Normalize(path);

        Assert.Equal(["06", "13"], result.Observations.Select(o => o.Key.Industry));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 4, "1"), (error.Row, error.Column, error.Found));

        static string Row(int r, string industry) =>
            $"""<row r="{r}">{HostileFiles.Text($"A{r}", "2023-03")}{HostileFiles.Text($"B{r}", "全国")}{HostileFiles.Text($"C{r}", "规上工业增加值")}{industry}{HostileFiles.Text($"E{r}", "month")}{HostileFiles.Text($"F{r}", "yoy")}{HostileFiles.Number($"G{r}", r)}{HostileFiles.Text($"H{r}", "%")}{HostileFiles.Text($"I{r}", "final")}</row>""";
    }

    [Fact]
    public void A_row_without_period_is_an_error_at_that_cell()
    {
        var result = Normalize(Fixtures.Path("no_period.csv"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Row);
        Assert.Equal(1, error.Column);
        Assert.StartsWith("Expected a period with a year", error.Message, StringComparison.Ordinal);
    }
}
