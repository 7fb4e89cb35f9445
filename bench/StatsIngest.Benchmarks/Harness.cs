using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatsIngest.Hosting;
using StatsIngest.Normalize;

namespace StatsIngest.Benchmarks;

/// <summary>StatsIngest's parts as the program composes them (the real host, one-shot, over a scratch data folder).</summary>
public sealed class Harness(IHost host)
{
    public Normalizer Normalizer => host.Services.GetRequiredService<Normalizer>();

    public NormalizeContext Context(string fileName) => host.Services.GetRequiredService<NormalizeContextFactory>().For(fileName, new string('0', 64));

    public static Harness Services()
    {
        var data = Path.Combine(Path.GetTempPath(), "statsingest-bench-data");
        return new Harness(StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?> { ["Data:Directory"] = data, ["Data:SeedSamples"] = "false" }));
    }
}
