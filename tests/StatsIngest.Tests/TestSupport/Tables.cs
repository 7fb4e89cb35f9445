using StatsIngest.Normalize;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Read;

namespace StatsIngest.Tests.TestSupport;

/// <summary>The reader as the program builds it, from the config/ shipped beside the test binaries.</summary>
public static class Tables
{
    public static TableLexicon Lexicon { get; } = TableLexicon.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists"));

    public static ProfileCatalog Profiles { get; } = ProfileCatalog.Load(Path.Combine(AppContext.BaseDirectory, "config", ProfileCatalog.FileName));

    public static Normalizer Normalizer { get; } = new(Lexicon, Profiles);

    public static NormalizeContext Context(string fileName, SourceRule? rule = null) =>
        new(Lexicon, fileName, "sha", "全国") { Rule = rule };

    public static NormalizeResult Normalize(string path, SourceRule? rule = null)
    {
        var grid = GridReader.Read(path);
        return Normalizer.Normalize(grid, Context(grid.FileName, rule));
    }
}
