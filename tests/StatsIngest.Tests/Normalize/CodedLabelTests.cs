using StatsIngest.Cli;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Tests.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Normalize;

/// <summary>
/// Offices write an industry with its GB/T 4754 code: "C36 汽车制造业" (the division after its section's letter),
/// "13 农副食品加工业", "农副食品加工业（C13）". Such labels were stored unmapped, under the label, each industry a series
/// of its own beside the same industry's series from other files. A code and a name that agree are the entry; a code
/// and a name of two entries, or a section letter that is not the division's, are not guessed between.
/// </summary>
public class CodedLabelTests
{
    private static readonly CodeList Industries = CodeLists.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists")).Industries;

    [Theory]
    [InlineData("C36 汽车制造业", "36")]
    [InlineData("C36汽车制造业", "36")]
    [InlineData("13 农副食品加工业", "13")]
    [InlineData("13.农副食品加工业", "13")]
    [InlineData("农副食品加工业（C13）", "13")]
    [InlineData("农副食品加工业(13)", "13")]
    [InlineData("C 制造业", "C")]
    [InlineData("D44 电力、热力生产和供应业", "44")]
    [InlineData("汽车制造业", "36")]
    public void A_label_giving_the_code_with_the_name_is_that_entry(string label, string code) =>
        Assert.Equal(code, Industries.Match(label)?.Code);

    [Theory]
    [InlineData("C36 农副食品加工业")] // the code of one, the name of another
    [InlineData("B13 农副食品加工业")] // 13 is a division of C, not B
    [InlineData("C99 汽车制造业")]
    [InlineData("C36 汽车制造业其他")]
    public void A_code_and_a_name_that_disagree_match_nothing(string label) =>
        Assert.Null(Industries.Match(label));

    [Fact]
    public void A_published_table_of_coded_industries_is_read_by_industry()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("分行业.csv");
        File.WriteAllText(path, """
            2023年1-10月分行业规模以上工业增加值增速
            行业,10月增速(%),1-10月增速(%)
            规模以上工业,5.1,4.3
            C13 农副食品加工业,2.1,1.9
            C36 汽车制造业,12.3,10.2
            C39 计算机、通信和其他电子设备制造业,6.5,4.1
            """);

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.DoesNotContain("unmapped", output, StringComparison.Ordinal);
        Assert.Contains("IVA_ABOVE.全国.36.YTD.YOY 2023-10 10.2 % A ← CSV!C5 '10.2'", ReadWarningTests.ObservationsSpaced(output));
        Assert.Contains("IVA_ABOVE.全国.39.M.YOY 2023-10 6.5 % A ← CSV!B6 '6.5'", ReadWarningTests.ObservationsSpaced(output));
    }
}
