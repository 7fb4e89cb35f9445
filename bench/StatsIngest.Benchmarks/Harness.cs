using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatsIngest.Hosting;
using StatsIngest.Normalize;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Benchmarks;

/// <summary>StatsIngest's parts as the program composes them (the real host, one-shot, over a scratch data folder).</summary>
public sealed class Harness(IHost host)
{
    public Normalizer Normalizer => host.Services.GetRequiredService<Normalizer>();

    public ObservationStore Store => host.Services.GetRequiredService<ObservationStore>();

    public ReportService Reports => host.Services.GetRequiredService<ReportService>();

    public NormalizeContext Context(string fileName) => host.Services.GetRequiredService<NormalizeContextFactory>().For(fileName, new string('0', 64));

    /// <param name="data">The data folder (default: a shared scratch folder in TMPDIR).</param>
    public static Harness Services(string? data = null)
    {
        data ??= Path.Combine(Path.GetTempPath(), "statsingest-bench-data");
        return new Harness(StatsIngestHost.Build([], HostMode.OneShot, new Dictionary<string, string?>
        {
            ["Data:Directory"] = data,
            ["Data:SeedSamples"] = "false",
            ["Indicators:DefaultRegion"] = "广东省", // the analyst of one province, as bench/run.sh
        }));
    }
}
