using System.Text;
using StatsIngest.Cli;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>A file whose warnings fill more than an Excel cell holds still leaves a workbook every later refresh can write.</summary>
public class LongCellTests
{
    [Fact]
    public void Four_hundred_unknown_regions_cut_the_sources_cell_at_Excels_limit_and_the_companion_csv_keeps_them_all()
    {
        using var tmp = new TempFolder();
        var input = tmp.File("regions.csv");
        var rows = Enumerable.Range(1, 400).Select(i => $"2021,测试地区{i:0000},GDP,,year,level,{i},亿元,final");
        File.WriteAllText(input, "period,region,indicator,industry,basis,measure,value,unit,status\n" + string.Join('\n', rows) + "\n", new UTF8Encoding(true));
        var data = tmp.File("data");

        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["ingest", input, "--data", data], new StringWriter(), new StringWriter()));
        Assert.Equal(StatsIngestCli.Ok, StatsIngestCli.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data], new StringWriter(), new StringWriter()));

        var workbook = new WorkbookContent(Path.Combine(data, "out", "latest.xlsx"));
        var cells = workbook.Rows(SummaryWorkbookWriter.SourcesSheet).SelectMany(r => r).OfType<string>().ToArray();
        Assert.All(cells, c => Assert.True(c.Length <= CellText.ExcelLimit, $"a cell of {c.Length} characters"));
        var cut = Assert.Single(cells, c => c.Contains("测试地区0001", StringComparison.Ordinal) && c.Contains("此地区不在", StringComparison.Ordinal));
        Assert.Matches(@"… 另有 \d+ 项（全部见配套 CSV）$", cut);
        Assert.DoesNotContain("测试地区0400", cut, StringComparison.Ordinal);
        Assert.Contains(cells, c => c == Fixtures.Preliminary); // the later file's refresh was written too

        var companion = File.ReadAllText(Directory.GetFiles(Path.Combine(data, "out"), "来源.csv", SearchOption.AllDirectories).First());
        Assert.Contains("测试地区0400", companion, StringComparison.Ordinal);
    }
}
