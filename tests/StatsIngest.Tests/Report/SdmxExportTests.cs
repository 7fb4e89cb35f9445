using System.Globalization;
using System.Text;
using CsvHelper;
using StatsIngest.Cli;
using StatsIngest.Domain;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Report.Sdmx;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// `export --sdmx DIR` read back by rsdmx (Debian's r-cran-rsdmx, installed by <c>.ci/run</c>): the structure message
/// gives the code lists, the data structure and the dataflow; the structure-specific data and the SDMX-CSV give every
/// observation of the store with its status, unit and vintage, every code found in its code list. Without R and rsdmx
/// the test says so and is skipped, unless STATSINGEST_REQUIRE_RSDMX=1 (set by .ci/run where it could install them).
/// </summary>
public class SdmxExportTests
{
    [SkippableFact]
    public void Rsdmx_reads_back_the_code_lists_the_structure_the_dataflow_and_every_observation()
    {
        var rscript = RsdmxOrSkip();
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var extra = tmp.File("xiangjiang.csv");
        File.WriteAllText(extra, "期间,地区,指标,口径,度量,数值,单位\n2023年11月,湘江新区,规模以上工业增加值,当月,同比增长,-1.5,%\n2023年12月,湘江新区,规模以上工业增加值,当月,同比增长,…,%\n");
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), Fixtures.Sample(Fixtures.Final2021), Fixtures.Sample(Fixtures.Monthly2023), "--data", data]).Code);
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", extra, "--data", data]).Code); // stored with a warning: the region is not in the list

        var (code, output, err) = CliRun.Run(["export", "--sdmx", tmp.File("sdmx"), "--data", data]);
        Assert.True(code == StatsIngestCli.Ok, err);
        var stored = new ObservationStore(Path.Combine(data, "statsingest.db")).LatestObservations();
        Assert.Contains($"{stored.Count} observations", output, StringComparison.Ordinal);
        var read = tmp.File("read");
        Directory.CreateDirectory(read);
        RunR(rscript, Fixtures.Path(Path.Combine("sdmx", "readback.R")), tmp.File("sdmx"), read);

        var flow = ReadCsv(Path.Combine(read, "dataflow.csv")).Single();
        Assert.Equal(("DF_INDUSTRY", "STATSINGEST", "DSD_INDUSTRY"), (flow["dataflow"], flow["agency"], flow["structure"]));
        var components = ReadCsv(Path.Combine(read, "components.csv"));
        Assert.Equal(["FREQ", "INDICATOR", "REGION", "INDUSTRY", "BASIS", "MEASURE"], components.Where(c => c["component"] == "Dimension").Select(c => c["concept"]));
        Assert.Equal("TIME_PERIOD", components.Single(c => c["component"] == "TimeDimension")["concept"]);
        Assert.Equal("OBS_VALUE", components.Single(c => c["component"] == "PrimaryMeasure")["concept"]);
        Assert.Equal(["OBS_STATUS", "UNIT_MEASURE", "VINTAGE", "VINTAGE_TIME"], components.Where(c => c["component"] == "Attribute").Select(c => c["concept"]));

        var codelists = ReadCsv(Path.Combine(read, "codelists.csv"));
        Assert.All(components.Where(c => c["codelist"].Length > 0), c => Assert.Contains(codelists, l => l["codelist"] == c["codelist"]));
        string Id(string list, string zh) => codelists.Single(l => l["codelist"] == list && l["zh"] == zh)["id"];
        Assert.Equal("430000", Id("CL_REGION", "湖南省"));
        Assert.Equal("CN", Id("CL_REGION", "全国"));
        Assert.Matches("^X[0-9A-F]{12}$", Id("CL_REGION", "湘江新区")); // not in regions.json, its name not an SDMX id
        Assert.Equal("规模以上工业增加值", codelists.Single(l => l["codelist"] == "CL_INDICATOR" && l["id"] == "IVA_ABOVE")["zh"]);

        var ml = ReadCsv(Path.Combine(read, "data.csv"));
        var csv = ReadCsv(Path.Combine(read, "sdmxcsv.csv"));
        Assert.Equal(stored.Count, ml.Count);
        Assert.Equal(stored.Count, csv.Count);
        string[] key = ["FREQ", "INDICATOR", "REGION", "INDUSTRY", "BASIS", "MEASURE", "TIME_PERIOD"];
        foreach (var o in stored)
        {
            var regionId = Id("CL_REGION", o.Key.Region);
            var fromMl = ml.Single(r => r["INDICATOR"] == o.Key.Indicator && r["REGION"] == regionId && r["INDUSTRY"] == o.Key.Industry
                && r["BASIS"] == Codes.Of(o.Key.Basis) && r["MEASURE"] == Codes.Of(o.Key.Measure) && r["TIME_PERIOD"] == o.Period.Code);
            Assert.Equal(o.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "NaN", fromMl["OBS_VALUE"]);
            Assert.Equal((Codes.Of(o.Status), o.Unit, o.VintageId.ToString(CultureInfo.InvariantCulture)), (fromMl["OBS_STATUS"], fromMl["UNIT_MEASURE"], fromMl["VINTAGE"]));
            Assert.Equal(o.Period.Kind switch { PeriodKind.Month => "M", PeriodKind.Quarter => "Q", _ => "A" }, fromMl["FREQ"]);
            Assert.All(key.Take(6).Append("OBS_STATUS"), k => Assert.NotEqual(string.Empty, fromMl[$"{k}_label.zh"])); // every code is in its list

            var fromCsv = csv.Single(r => key.All(k => r[k] == fromMl[k]));
            Assert.Equal("STATSINGEST:DF_INDUSTRY(1.0)", fromCsv["DATAFLOW"]);
            Assert.Equal(o.Value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty, fromCsv["OBS_VALUE"]);
            Assert.Equal((fromMl["OBS_STATUS"], fromMl["UNIT_MEASURE"], fromMl["VINTAGE"], fromMl["VINTAGE_TIME"]),
                (fromCsv["OBS_STATUS"], fromCsv["UNIT_MEASURE"], fromCsv["VINTAGE"], fromCsv["VINTAGE_TIME"]));
        }

        Assert.Contains(ml, r => r["REGION_label.zh"] == "湘江新区" && r["OBS_VALUE"] == "NaN" && r["OBS_STATUS_label.en"] == "Missing value");
    }

    [Fact]
    public void Two_codes_that_would_share_an_sdmx_id_are_refused_naming_both()
    {
        var lexicon = Tables.Lexicon.Codes;
        var regions = new CodeList("regions", lexicon.Regions.Entries.Append(new CodeEntry("长沙市", "长沙市", null, null, null, []) { Sdmx = "430000" }));
        var codes = new CodeLists(lexicon.Indicators, lexicon.Industries, regions, lexicon.Products);
        var definitions = SdmxDefinitions.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists"));

        var ex = Assert.Throws<InvalidDataException>(() => SdmxCodes.Build(definitions, codes, []));

        Assert.Contains("'湖南省' and '长沙市'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("430000", ex.Message, StringComparison.Ordinal);
    }

    private static string RsdmxOrSkip()
    {
        var rscript = ExternalTool.Which("Rscript");
        var reason = rscript is null ? "Rscript is not installed" : null;
        if (rscript is not null)
        {
            var (code, _, err) = ExternalTool.Run(rscript, ["-e", "library(rsdmx)"]);
            reason = code == 0 ? null : $"the R package rsdmx is not installed ({err.Trim()})";
        }

        if (reason is not null)
        {
            Assert.True(Environment.GetEnvironmentVariable("STATSINGEST_REQUIRE_RSDMX") != "1", $"rsdmx is required here: {reason} (apt-get install r-cran-rsdmx)");
            Skip.If(true, $"{reason}: apt-get install r-cran-rsdmx to read the SDMX export back");
        }

        return rscript!;
    }

    private static void RunR(string rscript, string script, string exportDir, string outDir)
    {
        var (code, stdout, err) = ExternalTool.Run(rscript, [script, exportDir, outDir]);
        Assert.True(code == 0, $"rsdmx could not read the export:\n{stdout}\n{err}");
    }

    /// <summary>A CSV R wrote (UTF-8, header row) as one dictionary per row.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(new StreamReader(stream, Encoding.UTF8), new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal)).ToList();
    }
}
