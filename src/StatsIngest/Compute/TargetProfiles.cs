using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StatsIngest.Compute;

/// <summary>The target profile named by <c>Indicators:TargetProfile</c>, loaded once from config/targets.</summary>
public sealed class TargetProfiles(IHostEnvironment environment, IOptions<IndicatorOptions> options)
{
    private readonly Lazy<TargetProfile> _current = new(() =>
        string.IsNullOrWhiteSpace(options.Value.TargetProfile)
            ? TargetProfile.Empty
            : TargetProfile.Load(Path.Combine(environment.ContentRootPath, "config", "targets"), options.Value.TargetProfile));

    public TargetProfile Current => _current.Value;
}
