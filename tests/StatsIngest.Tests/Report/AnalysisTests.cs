using System.Globalization;
using System.Text.RegularExpressions;
using StatsIngest.Cli;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Report;

/// <summary>
/// The analysis paragraph (分析 on 概览, <c>report --text</c>) in five data situations: rising, falling, missing inputs,
/// a revision, targets met. Each is compared with the sentences an analyst would write from the same numbers (worked
/// out here by hand from domain.md's formulas), every number in it is found in a cell of the workbook, the workbook's
/// 分析 is the printed text, and nothing is ever a placeholder.
/// </summary>
public partial class AnalysisTests
{
    private const string Header = "期间,地区,指标,行业,口径,度量,数值,单位\n";

    /// <summary>GDP and 全部工业增加值 of 2019–2022 (levels) and their growth 2020–2023: contributions 32.4, 43.8, 48.0%.</summary>
    private const string RisingAnnual =
        "2020年,全国,地区生产总值,,全年,绝对量,900,亿元\n2020年,全国,全部工业增加值,,全年,绝对量,350,亿元\n" +
        "2021年,全国,地区生产总值,,全年,绝对量,950,亿元\n2021年,全国,全部工业增加值,,全年,绝对量,370,亿元\n" +
        "2022年,全国,地区生产总值,,全年,绝对量,1000,亿元\n2022年,全国,全部工业增加值,,全年,绝对量,400,亿元\n" +
        "2021年,全国,地区生产总值,,全年,同比增长,6.0,%\n2021年,全国,全部工业增加值,,全年,同比增长,5.0,%\n" +
        "2022年,全国,地区生产总值,,全年,同比增长,4.0,%\n2022年,全国,全部工业增加值,,全年,同比增长,4.5,%\n" +
        "2023年,全国,地区生产总值,,全年,同比增长,5.0,%\n2023年,全国,全部工业增加值,,全年,同比增长,6.0,%\n";

    private const string RisingMonthly =
        "2023年12月,全国,规模以上工业增加值,,当月,同比增长,4.0,%\n2023年12月,全国,规模以上工业增加值,,累计,同比增长,4.5,%\n" +
        "2024年2月,全国,规模以上工业增加值,,当月,同比增长,5.0,%\n2024年2月,全国,规模以上工业增加值,,累计,同比增长,5.0,%\n" +
        "2024年3月,全国,规模以上工业增加值,,当月,同比增长,5.5,%\n2024年3月,全国,规模以上工业增加值,,累计,同比增长,5.2,%\n";

    [Fact]
    public void Rising_growth_and_a_contribution_above_the_baseline()
    {
        using var tmp = new TempFolder();
        var (text, workbook) = Situation(tmp, [RisingAnnual, RisingMonthly]);

        Assert.Equal(
        [
            "2024年3月，全国规模以上工业增加值同比增长5.5%，增速比上月加快0.5个百分点。1—3月累计增长5.2%，比1—2月加快0.2个百分点。",
            "2023年，工业对全国经济增长的贡献率为48.0%，高于32.3%的基准15.7个百分点，比上年提高4.2个百分点；工业拉动经济增长2.4个百分点。" +
            "贡献率近三期移动平均为41.4%，近期走势上升（斜率7.8个百分点/年）。",
        ], text);
        EveryNumberIsACell(text, workbook);
    }

    [Fact]
    public void Falling_growth_a_contribution_below_the_baseline_with_its_alert_and_the_industries_that_fell()
    {
        using var tmp = new TempFolder();
        var annual =
            "2020年,全国,地区生产总值,,全年,绝对量,900,亿元\n2020年,全国,全部工业增加值,,全年,绝对量,280,亿元\n" +
            "2021年,全国,地区生产总值,,全年,绝对量,950,亿元\n2021年,全国,全部工业增加值,,全年,绝对量,290,亿元\n" +
            "2022年,全国,地区生产总值,,全年,绝对量,1000,亿元\n2022年,全国,全部工业增加值,,全年,绝对量,300,亿元\n" +
            "2021年,全国,地区生产总值,,全年,同比增长,8.0,%\n2021年,全国,全部工业增加值,,全年,同比增长,7.0,%\n" +
            "2022年,全国,地区生产总值,,全年,同比增长,3.0,%\n2022年,全国,全部工业增加值,,全年,同比增长,2.5,%\n" +
            "2023年,全国,地区生产总值,,全年,同比增长,5.0,%\n2023年,全国,全部工业增加值,,全年,同比增长,4.0,%\n";
        var monthly =
            "2024年5月,全国,规模以上工业增加值,,当月,同比增长,1.0,%\n2024年5月,全国,规模以上工业增加值,,累计,同比增长,2.0,%\n" +
            "2024年6月,全国,规模以上工业增加值,,当月,同比增长,-1.5,%\n2024年6月,全国,规模以上工业增加值,,累计,同比增长,1.4,%\n";
        var industries =
            "2023年6月,全国,规模以上工业增加值,,累计,绝对量,1000,亿元\n2023年6月,全国,规模以上工业增加值,汽车制造业,累计,绝对量,200,亿元\n" +
            "2023年6月,全国,规模以上工业增加值,计算机、通信和其他电子设备制造业,累计,绝对量,300,亿元\n2023年6月,全国,规模以上工业增加值,化学原料和化学制品制造业,累计,绝对量,100,亿元\n" +
            "2024年6月,全国,规模以上工业增加值,汽车制造业,累计,同比增长,-3.0,%\n2024年6月,全国,规模以上工业增加值,计算机、通信和其他电子设备制造业,累计,同比增长,6.0,%\n" +
            "2024年6月,全国,规模以上工业增加值,化学原料和化学制品制造业,累计,同比增长,-1.0,%\n";
        var (text, workbook) = Situation(tmp, [annual, monthly, industries]);

        Assert.Equal(
        [
            "2024年6月，全国规模以上工业增加值同比下降1.5%，增速比上月回落2.5个百分点。1—6月累计增长1.4%，比1—5月回落0.6个百分点。",
            "2023年，工业对全国经济增长的贡献率为24.0%，低于32.3%的基准8.3个百分点，比上年下降1.4个百分点；工业拉动经济增长1.2个百分点。" +
            "贡献率近三期移动平均为25.6%，近期走势下降（斜率-1.6个百分点/年），已连续3期低于基准，请关注。",
            "从行业看，2024年1—6月对规上工业增长贡献最大的行业是计算机、通信和其他电子设备制造业（贡献率128.6%，拉动1.8个百分点）。" +
            "增加值下降的行业有汽车制造业（下降3.0%）、化学原料和化学制品制造业（下降1.0%）。",
        ], text);
        EveryNumberIsACell(text, workbook);
    }

    [Fact]
    public void Missing_inputs_leave_their_sentences_out_and_nothing_is_a_placeholder()
    {
        using var tmp = new TempFolder();
        var (text, workbook) = Situation(tmp, ["2024年6月,全国,规模以上工业增加值,,当月,同比增长,0.0,%\n2024年6月,全国,规模以上工业增加值,,累计,同比增长,2.5,%\n"]);

        Assert.Equal(["2024年6月，全国规模以上工业增加值同比与上年同期持平。1—6月累计增长2.5%。"], text);
        EveryNumberIsACell(text, workbook);
    }

    [Fact]
    public void A_revision_says_what_changed_and_by_how_much_in_both_languages()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", data]).Code);
        var before = CliRun.Run(["report", "--text", "--data", data]).Out;
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(Fixtures.Final2021), "--data", data]).Code);

        var text = Paragraphs(CliRun.Run(["report", "--text", "--data", data]).Out);
        var workbook = new WorkbookContent(Directory.GetFiles(Path.Combine(data, "out"), "latest.xlsx", SearchOption.AllDirectories).Single());

        Assert.DoesNotContain("修订", before, StringComparison.Ordinal); // the first file revises nothing
        var revision = Assert.Single(text, p => p.StartsWith("本次更新的数据修订了", StringComparison.Ordinal));
        Assert.Matches(@"^本次更新的数据修订了2021年工业对经济增长的贡献率由\d+\.\d修订为\d+\.\d（(上调|下调)\d+\.\d）", revision);
        var revisions = workbook.Rows("来源").Where(r => r.Length > 6 && r[1] as string == "CONTRIB_RATE" && r[3] as string == "全国" && r[4] as string == "2021").ToArray();
        var (previous, next) = ((double)revisions[^1][5]!, (double)revisions[^1][6]!);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"由{previous:0.0}修订为{next:0.0}（{(next > previous ? "上调" : "下调")}{Math.Abs(next - previous):0.0}）"), revision, StringComparison.Ordinal);
        EveryNumberIsACell(text, workbook);

        var english = Paragraphs(CliRun.Run(["report", "--text", "--data", data, "--Report:Language=en"]).Out);
        Assert.Contains(english, p => p.StartsWith("The latest data revised industry's contribution to growth of 2021 from ", StringComparison.Ordinal));
        Assert.All(english, p => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", p));
    }

    [Fact]
    public void A_revision_of_one_growth_rate_names_the_two_values_it_changed()
    {
        using var tmp = new TempFolder();
        Situation(tmp, [RisingAnnual]);
        var revised = tmp.File("revised.csv");
        File.WriteAllText(revised, Header + "2023年,全国,全部工业增加值,,全年,同比增长,6.5,%\n");
        Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", revised, "--data", tmp.File("data"), "--Report:Regions:0=*"]).Code);

        var text = Paragraphs(CliRun.Run(["report", "--text", "--data", tmp.File("data"), "--Report:Regions:0=*"]).Out);

        // c = 400 × 6.5 / (1000 × 5) × 100 = 52.0 (was 48.0); pull = 400 × 6.5 / 1000 = 2.6 (was 2.4).
        Assert.Equal("本次更新的数据修订了2023年工业对经济增长的贡献率由48.0修订为52.0（上调4.0）、2023年工业拉动经济增长由2.4修订为2.6（上调0.2）。", text[^1]);
        EveryNumberIsACell(text, new WorkbookContent(Directory.GetFiles(Path.Combine(tmp.File("data"), "out"), "latest.xlsx", SearchOption.AllDirectories).Single()));
    }

    [Fact]
    public void Without_growth_or_GDP_the_analysis_says_what_it_lacks_instead_of_an_empty_page()
    {
        using var tmp = new TempFolder();
        var (text, _) = Situation(tmp, ["2023年,全国,地区生产总值,,全年,绝对量,1000,亿元\n"]);

        Assert.Equal(["本期数据尚不足以写出分析：需要规上工业增速，或地区生产总值与全部工业增加值的总量和增速。"], text);
    }

    [Fact]
    public void Targets_met_are_said_met()
    {
        using var tmp = new TempFolder();
        var root = tmp.CopyConfig();
        File.WriteAllText(Path.Combine(root, "config", "targets", "met.json"), """
            { "region": null, "targets": [
              { "id": "iva", "name": "全部工业增加值规模", "group": "总量", "metric": "value added", "indicator": "IVA_ALL", "industry": "_T", "unit": "亿元", "target": 350, "targetYear": 2025 } ] }
            """);
        var (text, workbook) = Situation(tmp, [RisingAnnual], root, "--Indicators:TargetProfile=met");

        Assert.Equal("规划目标共1项，已全部完成。", text[^1]);
        EveryNumberIsACell(text, workbook);
    }

    /// <summary>Ingests the CSVs (canonical), returns `report --text` as paragraphs and the latest workbook, whose 分析 must be the same text.</summary>
    private static (string[] Text, WorkbookContent Workbook) Situation(TempFolder tmp, string[] csvs, string? contentRoot = null, params string[] settings)
    {
        var data = tmp.File("data");
        var files = csvs.Select((c, i) =>
        {
            var path = tmp.File($"input{i}.csv");
            File.WriteAllText(path, Header + c);
            return path;
        }).ToArray();
        var ingest = CliRun.RunIn(contentRoot, ["ingest", .. files, "--data", data, "--Report:Regions:0=*", .. settings]);
        Assert.True(ingest.Code == StatsIngestCli.Ok, ingest.Err + ingest.Out);
        var text = Paragraphs(CliRun.RunIn(contentRoot, ["report", "--text", "--data", data, "--Report:Regions:0=*", .. settings]).Out);
        Assert.All(text, p => Assert.DoesNotMatch(@"\{|\}|(?<!\d)—(?!\d)|null|NaN|∞", p));

        var workbook = new WorkbookContent(Directory.GetFiles(Path.Combine(data, "out"), "latest.xlsx", SearchOption.AllDirectories).Single());
        var overview = workbook.Rows(SummaryWorkbookWriter.OverviewSheet).Select(r => r.FirstOrDefault() as string).ToList();
        var analysis = overview.IndexOf("分析");
        Assert.Equal(text, overview.Skip(analysis + 1).TakeWhile(p => !string.IsNullOrEmpty(p)));
        return (text, workbook);
    }

    private static string[] Paragraphs(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Every number of the text but the periods' (2024年1—6月, 2025年) and those inside names (targets, industries) is
    /// shown by a cell of the workbook: a decimal rounded as the text rounds it (sign left to the words), a count exactly.
    /// </summary>
    private static void EveryNumberIsACell(IEnumerable<string> text, WorkbookContent workbook)
    {
        var cells = workbook.SheetNames.SelectMany(s => workbook.Rows(s)).SelectMany(r => r).OfType<double>().ToArray();
        var names = workbook.SheetNames.SelectMany(s => workbook.Rows(s)).SelectMany(r => r).OfType<string>().Where(x => x.Length is > 4 and < 40 && Digit().IsMatch(x)).ToArray();
        foreach (var paragraph in text)
        {
            var rest = names.Aggregate(paragraph, (p, n) => p.Replace(n, " ", StringComparison.Ordinal));
            rest = Period().Replace(rest, " ");
            foreach (Match m in Number().Matches(rest))
            {
                var decimals = m.Groups[1].Success ? m.Groups[1].Length - 1 : 0;
                var n = double.Parse(m.Value, CultureInfo.InvariantCulture);
                var found = decimals == 0
                    ? cells.Any(c => c == n)
                    : cells.Any(c => Math.Round(Math.Abs(c), decimals, MidpointRounding.AwayFromZero) == n);
                Assert.True(found, $"'{m.Value}' in «{paragraph}» is in no cell of the workbook");
            }
        }
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\d{4}年(\d{1,2}—)?(\d{1,2}月)?|\d{1,2}—\d{1,2}月|\d{1,2}月|\b(19|20)\d{2}\b")]
    private static partial Regex Period();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
