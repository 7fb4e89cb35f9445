using Microsoft.Extensions.Options;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>Builds the <see cref="NormalizeContext"/> of a file: lexicon, default region, error budget and the first configured rule its name matches (Layouts:Rules, then the sources' hints).</summary>
public sealed class NormalizeContextFactory(TableLexicon lexicon, IOptions<LayoutOptions> layouts, IOptions<ReadLimits> limits, ReadingDefaults defaults, TimeProvider clock)
{
    public NormalizeContext For(string fileName, string sha256)
    {
        var options = layouts.Value;
        return new NormalizeContext(lexicon, fileName, sha256, defaults.DefaultRegion)
        {
            Budget = new ErrorBudget(options.HeadlineErrorBudget, options.DetailErrorBudget),
            Rule = options.Rules.FirstOrDefault(r => r.Matches(fileName)) ?? defaults.SourceRules.FirstOrDefault(r => r.Matches(fileName)),
            Years = limits.Value.Years(clock),
        };
    }
}
