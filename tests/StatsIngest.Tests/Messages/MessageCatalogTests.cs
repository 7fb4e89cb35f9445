using System.Text.Json;
using System.Text.RegularExpressions;
using StatsIngest.Messages;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Messages;

/// <summary>
/// The reader's messages and their Chinese (config/messages.json): every template the code writes (found in the
/// sources as xgettext finds them: the literal of each <c>Msg.Of</c>) and every one config gives (the profiles' features,
/// the vocabulary's reasons to skip a column) has a translation naming the same arguments, and the catalog keeps none
/// that nothing uses.
/// </summary>
public partial class MessageCatalogTests
{
    private static MessageCatalog Chinese() => MessageCatalog.Load(Path.Combine(AppContext.BaseDirectory, "config", MessageCatalog.FileName));

    [Fact]
    public void Every_template_of_the_code_and_the_config_is_translated_and_every_translation_is_used()
    {
        var used = TemplatesInCode().Concat(TemplatesInConfig()).ToHashSet(StringComparer.Ordinal);
        var catalog = Chinese();

        Assert.True(used.Count > 150, $"only {used.Count} templates found: the scan of the sources no longer finds them");
        var missing = used.Where(t => !catalog.Translates(t)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "Templates without a translation in config/messages.json:\n" + string.Join("\n", missing));
        var stale = catalog.Templates.Where(t => !used.Contains(t)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(stale.Length == 0, "Translations of templates nothing uses:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void A_translation_naming_other_arguments_than_its_template_is_refused_with_both_named()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("messages.json");
        File.WriteAllText(path, """{ "messages": { "The same series was read from {cell}.": "同一序列已从 {单元格} 读取。" } }""");

        var ex = Assert.Throws<InvalidDataException>(() => MessageCatalog.Load(path));

        Assert.Contains("{cell}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("同一序列已从 {单元格} 读取。", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_is_stored_as_one_line_and_shown_later_in_either_language()
    {
        var where = Msg.List([Msg.Of("sheet '{sheet}'", ("sheet", "表1")), Msg.Of("row {row}", ("row", 3))]);
        var message = Msg.Of("{where}: {message}", ("where", where), ("message", Msg.Of("Reading stopped at this row after {count} errors; the rest of the table was not read.", ("count", 50))));

        var stored = message.Encode();
        var back = Msg.Decode(stored);

        Assert.DoesNotContain('\n', stored);
        Assert.Equal(message, back);
        Assert.Equal(message.GetHashCode(), back.GetHashCode());
        Assert.NotEqual(message, Msg.Decode(stored.Replace("50", "51", StringComparison.Ordinal)));
        Assert.True(Msg.IsEncoded(stored));
        Assert.Equal("sheet '表1', row 3: Reading stopped at this row after 50 errors; the rest of the table was not read.", back.ToString());
        Assert.Equal("工作表“表1”、第 3 行：出现 50 个错误后在此行停止读取；表格其余部分未读取。", back.Render(Chinese()));
    }

    [Fact]
    public void A_text_stored_before_messages_were_is_shown_as_it_is()
    {
        const string old = "sheet 'X': This label matches nothing {cell}.";

        Assert.False(Msg.IsEncoded(old));
        Assert.Equal(old, Msg.Decode(old).Render(Chinese()));
        Assert.Equal("{\"t\": broken", Msg.Decode("{\"t\": broken").ToString());
    }

    [Fact]
    public void A_place_without_its_cell_reads_as_one_place_in_Chinese_not_as_a_list()
    {
        var chinese = Chinese();
        string Where(string? sheet, int? row, int? column) =>
            StatsIngest.Normalize.Problem.Error(Msg.Of("This label matches nothing."), sheet, row, column).ToMsg().Render(chinese);

        Assert.StartsWith("工作表“表1”第 3 行：", Where("表1", 3, null), StringComparison.Ordinal);
        Assert.StartsWith("工作表“表1”B 列：", Where("表1", null, 2), StringComparison.Ordinal);
        Assert.StartsWith("第 3 行 B 列（单元格 B3）：", Where(null, 3, 2), StringComparison.Ordinal);
        Assert.StartsWith("工作表“表1”第 3 行 B 列（单元格 B3）：", Where("表1", 3, 2), StringComparison.Ordinal);
        Assert.StartsWith("sheet '表1', row 3: ", StatsIngest.Normalize.Problem.Error(Msg.Of("This label matches nothing."), "表1", 3).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_quarantine_report_says_it_in_English_then_in_Chinese_at_the_same_cells()
    {
        using var tmp = new TempFolder();
        var bad = tmp.File("bad.csv");
        File.Copy(Fixtures.Path("bad_values_and_indicator.csv"), bad);

        Assert.Equal(StatsIngest.Cli.StatsIngestCli.FileProblems, CliRun.Run(["ingest", bad, "--data", tmp.File("data")]).Code);

        var report = File.ReadAllText(tmp.File("data/quarantine/bad.csv.error.txt"));
        var english = report.IndexOf("What is wrong:", StringComparison.Ordinal);
        var chinese = report.IndexOf("————", StringComparison.Ordinal);
        Assert.True(english >= 0 && chinese > english && report.IndexOf("问题：", chinese, StringComparison.Ordinal) > chinese, report);
        Assert.Contains("  1. sheet 'CSV', row 3, column C (cell C3): Expected an indicator of config/codelists/indicators.json", report[..chinese], StringComparison.Ordinal);
        Assert.Contains("  1. 工作表“CSV”第 3 行 C 列（单元格 C3）：应为 config/codelists/indicators.json 中的指标", report[chinese..], StringComparison.Ordinal);
        Assert.Contains("  2. 工作表“CSV”第 4 行 F 列（单元格 F4）：应为数字", report[chinese..], StringComparison.Ordinal);
        Assert.Contains("实际内容：“三点零”。", report[chinese..], StringComparison.Ordinal);
        Assert.Contains("StatsIngest 未能入库文件“bad.csv”", report[chinese..], StringComparison.Ordinal);
    }

    [Fact]
    public void The_quarantine_report_and_validate_list_the_problems_of_a_row_by_column_whatever_order_they_were_found_in()
    {
        using var tmp = new TempFolder();
        var bad = tmp.File("bad.csv");
        File.WriteAllText(bad, "period,region,indicator,basis,measure,value,unit,status\n20x2,全国,GDP,yearx,levelx,abc,亿元,oops\n2022,全国,GDP,year,level,x1,亿元,final\n");

        Assert.Equal(StatsIngest.Cli.StatsIngestCli.FileProblems, CliRun.Run(["ingest", bad, "--data", tmp.File("data")]).Code);

        var report = File.ReadAllText(tmp.File("data/quarantine/bad.csv.error.txt"));
        var english = report[..report.IndexOf("————", StringComparison.Ordinal)];
        var cells = Regex.Matches(english, @"\(cell ([A-Z]+\d+)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["A2", "D2", "E2", "F2", "H2", "F3"], cells);

        // validate lists them the same way.
        var validate = CliRun.Run(["validate", bad]).Out;
        Assert.Equal(cells, Regex.Matches(validate, @"ERROR: .*?\(cell ([A-Z]+\d+)\)").Select(m => m.Groups[1].Value));
    }

    /// <summary>The template of each Msg.Of in the sources: its string literal, or literals joined by +.</summary>
    private static IEnumerable<string> TemplatesInCode() =>
        SourceTree.CSharpFiles("src")
            .SelectMany(f => MsgOf().Matches(File.ReadAllText(f)))
            .Select(m => string.Concat(Literal().Matches(m.Groups["lits"].Value).Select(l => Regex.Unescape(l.Groups[1].Value))));

    private static IEnumerable<string> TemplatesInConfig()
    {
        var config = Path.Combine(SourceTree.Root(), "config");
        using var profiles = JsonDocument.Parse(File.ReadAllText(Path.Combine(config, "profiles.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        using var vocabulary = JsonDocument.Parse(File.ReadAllText(Path.Combine(config, "codelists", "vocabulary.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return profiles.RootElement.GetProperty("profiles").EnumerateArray()
            .SelectMany(p => p.GetProperty("features").EnumerateArray()).Select(f => f.GetProperty("what").GetString()!)
            .Concat(vocabulary.RootElement.GetProperty("skips").EnumerateArray().Select(s => s.GetProperty("reason").GetString()!))
            .ToArray();
    }

    [GeneratedRegex(@"Msg\.Of\(\s*(?<lits>(?:""(?:[^""\\]|\\.)*""\s*\+?\s*)+)")]
    private static partial Regex MsgOf();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Literal();
}
