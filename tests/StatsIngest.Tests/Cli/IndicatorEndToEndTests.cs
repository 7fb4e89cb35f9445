using System.Text;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Cli;

/// <summary>The indicators through <c>ingest</c>, the store and <c>export --indicators</c>, from real files.</summary>
public class IndicatorEndToEndTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = StatsIngestCli.Run(args, stdout, stderr);
        return (code, stdout.ToString() + stderr);
    }

    private static string Layout(string name) => Fixtures.Path("layouts/" + name);

    [Fact]
    public void Zhongshan_1_2_2022_drivers_from_the_two_published_tables_give_56_percent_and_2_8_pp()
    {
        using var tmp = new TempFolder();
        var (code, output) = Run("ingest", Layout("zhongshan_2021-02.xlsx"), Layout("zhongshan_2022-02.xlsx"), "--data", tmp.File("data"));
        Assert.True(code == StatsIngestCli.Ok, output);

        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        var drivers = new IndicatorStore(store).Values()
            .Where(v => v is { Block: "drivers", Region: "中山市", Period: "2022-02", Basis: "YTD" }).ToArray();
        double Value(string indicator, string code) => drivers.Single(d => d.Indicator == indicator && d.Subject == code).Value!.Value;

        Assert.Equal(28.0, Value("DRIVER_CONTRIB", "38"), 10);
        Assert.Equal(15.9, Value("DRIVER_CONTRIB", "39"), 10);
        Assert.Equal(12.2, Value("DRIVER_CONTRIB", "21"), 10);
        var together = new[] { "38", "39", "21" }.Sum(c => Value("DRIVER_CONTRIB", c));
        var pull = new[] { "38", "39", "21" }.Sum(c => Value("DRIVER_PULL", c));
        Assert.InRange(together, 56.2 - 2, 56.2 + 2);
        Assert.InRange(pull, 2.8 - 0.15, 2.8 + 0.15);
        Assert.Contains("rank 1 among divisions", drivers.Single(d => d.Indicator == "DRIVER_CONTRIB" && d.Subject == "38").Note, StringComparison.Ordinal);
        Assert.Equal("1,2", drivers.Single(d => d.Indicator == "DRIVER_CONTRIB" && d.Subject == "38").InputVintages);
    }

    [Fact]
    public void A_final_2021_changes_the_2021_and_2022_contributions_and_both_vintages_stay_queryable()
    {
        using var tmp = new TempFolder();
        var preliminary = tmp.File("2022年初步核算.csv");
        File.WriteAllText(preliminary, string.Join("\n",
            "period,region,indicator,basis,measure,value,unit,status",
            "2020,全国,GDP,year,level,1015986,亿元,final", "2020,全国,全部工业增加值,year,level,313071,亿元,final",
            "2021,全国,GDP,year,level,1143670,亿元,provisional", "2021,全国,GDP,year,yoy,8.1,%,provisional",
            "2021,全国,全部工业增加值,year,level,372575,亿元,provisional", "2021,全国,全部工业增加值,year,yoy,9.6,%,provisional",
            "2022,全国,GDP,year,yoy,3.0,%,provisional", "2022,全国,全部工业增加值,year,yoy,3.4,%,provisional") + "\n", new UTF8Encoding(true));
        var final = tmp.File("2021年最终核实.csv");
        File.WriteAllText(final, string.Join("\n",
            "period,region,indicator,basis,measure,value,unit,status",
            "2021,全国,GDP,year,level,1149237,亿元,final", "2021,全国,GDP,year,yoy,8.4,%,final",
            "2021,全国,全部工业增加值,year,level,374546,亿元,final", "2021,全国,全部工业增加值,year,yoy,10.4,%,final") + "\n", new UTF8Encoding(true));

        Assert.Equal(StatsIngestCli.Ok, Run("ingest", preliminary, "--data", tmp.File("data")).Code);
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", final, "--data", tmp.File("data")).Code);

        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        var revisions = new IndicatorStore(store).Revisions().Where(r => r is { Block: "gdp", Indicator: "CONTRIB_RATE", Subject: "IND" }).ToArray();
        var r2021 = revisions.Single(r => r.Period == "2021");
        Assert.Equal(313071 * 9.6 / (1015986 * 8.1) * 100, r2021.PreviousValue!.Value, 9);
        Assert.Equal(313071 * 10.4 / (1015986 * 8.4) * 100, r2021.NewValue!.Value, 9);
        Assert.Contains("GDP.全国._T.A.YOY 2021: 8.1 (vintage 1) → 8.4 (vintage 2)", r2021.RevisedInputs, StringComparison.Ordinal);
        var r2022 = revisions.Single(r => r.Period == "2022");
        Assert.Equal(372575 * 3.4 / (1143670 * 3.0) * 100, r2022.PreviousValue!.Value, 9);
        Assert.Equal(374546 * 3.4 / (1149237 * 3.0) * 100, r2022.NewValue!.Value, 9);
        Assert.Equal("1,2", r2022.NewVintages);

        // Both vintages stay queryable: the store as it was before the final file, and every vintage.
        var before = store.LatestObservations(store.Files()[0].IngestedAt);
        Assert.Equal(1143670, before.Single(o => o.Key.Indicator == "GDP" && o.Period.Code == "2021" && o.Key.Measure == Measure.Level).Value);
        Assert.Equal(2, store.AllObservations().Count(o => o.Key.Indicator == "GDP" && o.Period.Code == "2021" && o.Key.Measure == Measure.Level));
    }

    [Fact]
    public void Samples_and_fixtures_yield_every_block_in_the_store_and_in_export_indicators()
    {
        using var tmp = new TempFolder();
        Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.File("data")).Code);
        string[] inputs =
        [
            Fixtures.Sample(Fixtures.Final2021), Fixtures.Sample(Fixtures.Monthly2023),
            Layout("gdp_annual_2021_final.xlsx"), Layout("industry_scale_2021-2022.xlsx"), Layout("zhongshan_2021-02.xlsx"), Layout("zhongshan_2022-02.xlsx"),
            Layout("province_industry_2022-06.xlsx"),
        ];
        Assert.Equal(StatsIngestCli.Ok, Run(["ingest", .. inputs, "--data", tmp.File("data")]).Code);

        var (code, output) = Run("export", "--indicators", "--data", tmp.File("data"));
        Assert.Equal(StatsIngestCli.Ok, code);
        var path = output.Trim();
        Assert.Equal(tmp.File("data/out/indicators.csv"), path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal("block,indicator,region,subject,period,basis,value,unit,note,input_vintages,inputs", lines[0].TrimStart('\uFEFF'));
        var blocks = lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["checks", "drivers", "gdp", "panel", "targets", "tiers", "trend"], blocks);
        Assert.Contains(lines, l => l.StartsWith("gdp,CONTRIB_RATE,全国,SEC1,2021,A,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gdp,SHARE_GDP,全国,MFG,2021,A,27.547", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("gdp,CONTRIB_RATE,全国,SEC1,2019,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("targets,TARGET_PROGRESS,全国,eng-mach,2022,A,62,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tiers,TIER_COUNT,全国,trillion-sectors,2022,A,3,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("panel,PANEL_M_ACCEL,全国,_T,2023-12,M,0.2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("checks,CHECK_SECTIONS_SUM_TO_TOTAL,全省,", StringComparison.Ordinal) && l.Contains("ok: ", StringComparison.Ordinal));

        // The service keeps the indicators of the regions it reports (Report:Regions; by default the default region, 全国);
        // export --indicators computes every region's.
        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        var reported = lines.Skip(1).Where(l => l.Split(',')[2] == "全国").Select(l => l.Split(',')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(reported, new IndicatorStore(store).Values().Select(v => v.Block).Distinct().Order(StringComparer.Ordinal));
        Assert.All(new IndicatorStore(store).Values(), v => Assert.Equal("全国", v.Region));
        Assert.Equal(StatsIngestCli.Ok, Run("report", "--data", tmp.File("data"), "--Report:Regions:0=*").Code);
        Assert.Equal(blocks, new IndicatorStore(store).Values().Select(v => v.Block).Distinct().Order(StringComparer.Ordinal));
        var revisions = Run("export", "--revisions", "--data", tmp.File("data"));
        Assert.True(File.ReadAllLines(revisions.Out.Trim()).Length > 1, "the 2021 final revision changes computed values");
    }

    [Fact]
    public void Validate_warns_when_parts_do_not_add_up_to_the_total_and_changes_nothing()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("parts.csv");
        File.WriteAllText(path, string.Join("\n",
            "2022年1-6月全省规模以上工业增加值", "单位：亿元", "项目,1-6月累计,累计增长(%)",
            "合计,1000.0,5.8", "采矿业,100.0,-1.5", "制造业,850.0,6.4", "电力、热力、燃气及水生产和供应业,70.0,3.3") + "\n", new UTF8Encoding(true));

        var (code, output) = Run("validate", path);

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("consistency warning (sections-sum-to-total): 采矿业+制造业+电力等 (B+C+D) vs 合计: the parts add up to 1020, the total is 1000 (difference 20, rounding tolerance ±0.2)", output, StringComparison.Ordinal);
        Assert.Contains("IVA_ABOVE.全省._T.YTD.L", output, StringComparison.Ordinal);
        Assert.Contains("      1000 亿元", output, StringComparison.Ordinal);
    }
}
