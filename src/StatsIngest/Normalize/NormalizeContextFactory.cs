using Microsoft.Extensions.Options;
using StatsIngest.Hosting;
using StatsIngest.Normalize.Lexicon;

namespace StatsIngest.Normalize;

/// <summary>Builds the <see cref="NormalizeContext"/> of a file: code lists, default region, error budget and the first configured rule its name matches.</summary>
public sealed class NormalizeContextFactory(TableLexicon lexicon, IOptions<IndicatorOptions> indicators, IOptions<LayoutOptions> layouts, IOptions<SourcesOptions> sources)
{
    public NormalizeContext For(string fileName, string sha256)
    {
        var options = layouts.Value;
        return new NormalizeContext(lexicon, fileName, sha256, indicators.Value.DefaultRegion)
        {
            Budget = new ErrorBudget(options.HeadlineErrorBudget, options.DetailErrorBudget),
            Rule = options.Rules.FirstOrDefault(r => r.Matches(fileName)) ?? SourceRule(fileName),
        };
    }

    /// <summary>A file a collection source saved (<c>&lt;source&gt;_&lt;period&gt;.csv</c>) is read with the source's layout hints.</summary>
    private SourceRule? SourceRule(string fileName)
    {
        var source = sources.Value.Items.FirstOrDefault(s => fileName.StartsWith(s.Name + "_", StringComparison.OrdinalIgnoreCase)
            && (s.Layout ?? s.Sheet ?? s.Region ?? s.Unit ?? s.Indicator) is not null);
        return source is null ? null : new SourceRule
        {
            Name = "source " + source.Name,
            FileNamePattern = source.Name + "_*",
            Layout = source.Layout,
            Sheet = source.Sheet,
            Region = source.Region,
            Unit = source.Unit,
            Indicator = source.Indicator,
        };
    }
}
