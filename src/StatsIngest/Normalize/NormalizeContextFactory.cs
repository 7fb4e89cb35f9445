using Microsoft.Extensions.Options;
using StatsIngest.Hosting;

namespace StatsIngest.Normalize;

/// <summary>Builds the <see cref="NormalizeContext"/> of a file: code lists, default region, error budget and the first configured rule its name matches.</summary>
public sealed class NormalizeContextFactory(CodeLists codes, IOptions<IndicatorOptions> indicators, IOptions<LayoutOptions> layouts)
{
    public NormalizeContext For(string fileName, string sha256)
    {
        var options = layouts.Value;
        return new NormalizeContext(codes, fileName, sha256, indicators.Value.DefaultRegion)
        {
            Budget = new ErrorBudget(options.HeadlineErrorBudget, options.DetailErrorBudget),
            Rule = options.Rules.FirstOrDefault(r => r.Matches(fileName)),
        };
    }
}
