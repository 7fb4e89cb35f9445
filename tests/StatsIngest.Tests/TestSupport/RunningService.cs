using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatsIngest.Collect;
using StatsIngest.Hosting;
using StatsIngest.Ingest;
using StatsIngest.Store;

namespace StatsIngest.Tests.TestSupport;

/// <summary>The real host in service mode over a data folder of the test, with a short quiet period and rescan.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private RunningService(IHost host, string dataDirectory)
    {
        Host = host;
        Folders = host.Services.GetRequiredService<DataFolders>();
        DataDirectory = dataDirectory;
    }

    public IHost Host { get; }

    public DataFolders Folders { get; }

    public string DataDirectory { get; }

    public ObservationStore Store => Host.Services.GetRequiredService<ObservationStore>();

    public InboxProcessor Processor => Host.Services.GetRequiredService<InboxProcessor>();

    public static async Task<RunningService> StartAsync(string dataDirectory, double quietSeconds = 0.5, IDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataDirectory,
            ["Data:SeedSamples"] = "false",
            ["Inbox:QuietPeriodSeconds"] = quietSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inbox:RescanIntervalSeconds"] = "1",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            overrides[k] = v;
        }

        var host = StatsIngestHost.Build([], HostMode.Service, overrides);
        await host.StartAsync();
        return new RunningService(host, dataDirectory);
    }

    public string Drop(string sourcePath, string? name = null)
    {
        var target = Path.Combine(Folders.Inbox, name ?? Path.GetFileName(sourcePath));
        var temp = Path.Combine(Folders.Inbox, "." + Guid.NewGuid().ToString("N") + ".copying");
        File.Copy(sourcePath, temp);
        File.Move(temp, target);
        return target;
    }

    /// <summary>Waits until the condition holds (polling), failing the test after the timeout.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, double seconds = 30)
    {
        var deadline = Environment.TickCount64 + (long)(seconds * 1000);
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Rings the inbox loop until it has gone round twice more with nothing pending: whatever it would still take from
    /// the inbox, it has taken (the event a "nothing more happens" check waits for, instead of a sleep).
    /// </summary>
    public Task WaitForIdleInbox()
    {
        var signal = Host.Services.GetRequiredService<InboxSignal>();
        var scanner = Host.Services.GetRequiredService<InboxScanner>();
        var start = Processor.Passes;
        return WaitUntil(() =>
        {
            signal.Request();
            return Processor.Passes >= start + 2 && !scanner.HasPending && !Directory.EnumerateFiles(Folders.Work).Any();
        }, "the inbox loop going round twice with nothing pending");
    }

    public Task WaitForDeliveries(int count) =>
        WaitUntil(() => Store.Deliveries().Count >= count && !Directory.EnumerateFiles(Folders.Work).Any(), $"{count} deliveries recorded");

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
