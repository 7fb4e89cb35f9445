using System.Globalization;
using StatsIngest.Cli;
using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// `export --series`: the monthly series laid out for seasonal adjustment (JDemetra+): one column per series key, the
/// month as an ISO date in the first column, every calendar month a row; the .xlsx beside it re-read by a second reader.
/// </summary>
public class SeriesExportTests
{
    [Fact]
    public void Every_month_is_a_row_a_gap_is_an_empty_cell_and_the_xlsx_says_the_same_with_date_cells()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var november = tmp.File("november.csv");
        File.WriteAllText(november, "期间,地区,指标,口径,度量,数值,单位\n2022年11月,全国,规模以上工业增加值,当月,同比增长,2.2,%\n");
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Monthly2023), november, "--data", data]).Code);

        var (code, output, err) = CliRun.Run(["export", "--series", tmp.File("series.csv"), "--data", data]);

        Assert.True(code == StatsIngestCli.Ok, err);
        Assert.Contains(tmp.File("series.xlsx"), output, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(tmp.File("series.csv"));
        Assert.Equal((byte)'d', bytes[0]); // no byte-order mark
        var lines = File.ReadAllLines(tmp.File("series.csv"));
        var header = lines[0].Split(',');
        var stored = new ObservationStore(Path.Combine(data, "statsingest.db")).LatestObservations().Where(o => o.Period.Kind == PeriodKind.Month).ToArray();
        Assert.Equal(["date", .. stored.Select(o => o.Key.ToString()).Distinct().Order(StringComparer.Ordinal)], header);
        var dates = lines.Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(Enumerable.Range(0, 14).Select(i => new DateOnly(2022, 11, 1).AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), dates);

        var monthlyYoY = Array.IndexOf(header, stored.Single(o => o.Period.Code == "2022-11").Key.ToString());
        string Cell(string date, int column) => lines.Single(l => l.StartsWith(date, StringComparison.Ordinal)).Split(',')[column];
        Assert.Equal("2.2", Cell("2022-11-01", monthlyYoY));
        Assert.Equal(string.Empty, Cell("2022-12-01", monthlyYoY));
        Assert.Equal(string.Empty, Cell("2023-01-01", monthlyYoY));
        foreach (var o in stored)
        {
            var cell = Cell($"{o.Period.Code}-01", Array.IndexOf(header, o.Key.ToString()));
            Assert.Equal(o.Value, cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture));
        }

        var sheet = new WorkbookContent(tmp.File("series.xlsx")).Rows("series");
        Assert.Equal(header, sheet[0].Select(c => c as string));
        Assert.Equal(dates, sheet.Skip(1).Select(r => ((DateTime)r[0]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        for (var r = 1; r < lines.Length; r++)
        {
            var csvRow = lines[r].Split(',');
            Assert.Equal(csvRow.Skip(1).Select(v => v.Length == 0 ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture)),
                sheet[r].Skip(1).Select(v => v is double d ? d : (double?)null));
        }
    }

    [SkippableFact]
    public void R_reads_the_series_as_monthly_time_series_with_the_store_s_values()
    {
        var rscript = ExternalTool.Which("Rscript");
        Assert.True(rscript is not null || Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_RSDMX") != "1", "Rscript is required here (apt-get install r-base-core)");
        Skip.If(rscript is null, "Rscript is not installed: apt-get install r-base-core to read the series back");
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Monthly2023), Fixtures.Sample(Fixtures.Preliminary), "--data", data]).Code);
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["export", "--series", tmp.File("series.csv"), "--data", data]).Code);

        var (code, output, err) = ExternalTool.Run(rscript!, [Fixtures.Path(Path.Combine("series", "readback.R")), tmp.File("series.csv"), tmp.File("read.csv")]);
        Assert.True(code == 0, $"R could not read the series: {err} {output}");

        var read = File.ReadAllLines(tmp.File("read.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => (f[0].Trim('"'), int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)),
            f => double.Parse(f[3], CultureInfo.InvariantCulture));
        var stored = new ObservationStore(Path.Combine(data, "statsingest.db")).LatestObservations().Where(o => o.Period.Kind == PeriodKind.Month && o.Value is not null).ToArray();
        Assert.Equal(stored.Length, read.Count);
        Assert.All(stored, o => Assert.Equal(o.Value!.Value, read[(o.Key.ToString(), o.Period.Year, o.Period.Number)], 12));
    }
}
