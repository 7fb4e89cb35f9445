using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// A statistics bureau's web site on 127.0.0.1 (Kestrel, an ephemeral port) publishing one canonical CSV per month at
/// <c>/data/{yyyy}/{MM}.csv</c>, with an ETag, and misbehaving on request: a script of failures per path
/// (503, 429 with Retry-After, a hang, a cut-off body, a hostile Content-Disposition).
/// </summary>
public sealed class BureauSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BureauSite(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    private int _inFlight;
    private readonly TaskCompletionSource _slowReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many "slow" requests are being held now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Lets the "slow" requests held so far (and every later one) be answered.</summary>
    public void ReleaseSlow() => _slowReleased.TrySetResult();

    public string BaseUrl { get; }

    /// <summary>The most requests served at the same time by the "slow" behaviour.</summary>
    public int MaxInFlight { get; private set; }

    public string UrlTemplate => BaseUrl + "/data/{yyyy}/{MM}.csv";

    /// <summary>Per path: the behaviours of the next requests, in order ("503", "429", "hang", "cut", "hostile"); then normal service.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Script { get; } = new();

    /// <summary>Every request received: path and status answered.</summary>
    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    /// <summary>When each request arrived (server side, Environment.TickCount64), by path.</summary>
    public ConcurrentQueue<(string Path, long At)> Arrivals { get; } = new();

    /// <summary>The months published, with the growth rate of 规上工业 each gives.</summary>
    public ConcurrentDictionary<string, double> Published { get; } = new();

    public static async Task<BureauSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        BureauSite? site = null;
        app.MapGet("/data/{yyyy}/{mm}.csv", async (HttpContext ctx, string yyyy, string mm) =>
        {
            var path = ctx.Request.Path.Value!;
            site!.Arrivals.Enqueue((path, Environment.TickCount64));
            var behaviour = site!.Script.TryGetValue(path, out var q) && q.TryDequeue(out var b) ? b : "ok";
            var period = $"{yyyy}-{mm}";
            switch (behaviour)
            {
                case "503":
                    site.Answer(ctx, path, 503);
                    return;
                case "429":
                    ctx.Response.Headers.RetryAfter = "1";
                    site.Answer(ctx, path, 429);
                    return;
                case "slow":
                    var now = Interlocked.Increment(ref site._inFlight);
                    site.MaxInFlight = Math.Max(site.MaxInFlight, now);
                    await site._slowReleased.Task.WaitAsync(ctx.RequestAborted);
                    Interlocked.Decrement(ref site._inFlight);
                    site.Script.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue("slow");
                    break;
                case "hang":
                    site.Requests.Enqueue((path, 0));
                    await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default); // until the client gives up
                    return;
            }

            if (!site.Published.TryGetValue(period, out var growth))
            {
                site.Answer(ctx, path, 404);
                return;
            }

            var body = Encoding.UTF8.GetBytes(Csv(period, growth));
            var etag = $"\"{period}-{growth.ToString(CultureInfo.InvariantCulture)}\"";
            if (ctx.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                site.Answer(ctx, path, 304);
                return;
            }

            ctx.Response.Headers.ETag = etag;
            ctx.Response.ContentType = "text/csv";
            if (behaviour == "hostile")
            {
                ctx.Response.Headers.ContentDisposition = "attachment; filename=\"../../../etc/passwd\"";
            }

            site.Requests.Enqueue((path, 200));
            if (behaviour == "cut")
            {
                // Promise the whole file, send a part, then drop the connection.
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 3));
                await ctx.Response.Body.FlushAsync();
                ctx.Abort();
                return;
            }

            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new BureauSite(app, address.TrimEnd('/'));
        return site;
    }

    public void Fail(string period, params string[] behaviours)
    {
        var path = $"/data/{period[..4]}/{period[5..]}.csv";
        Script[path] = new ConcurrentQueue<string>(behaviours);
    }

    public int Count(string period, int status) => Requests.Count(r => r.Path == $"/data/{period[..4]}/{period[5..]}.csv" && r.Status == status);

    /// <summary>The month a scheduled run fetches now with the defaults (Asia/Shanghai, one month back).</summary>
    public static Domain.ReportingPeriod ScheduledPeriod() =>
        StatsIngest.Collect.SourcePlan.PeriodFor(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime, 1);

    public static string Csv(string period, double growth) =>
        "period,region,indicator,basis,measure,value,unit\n" +
        string.Create(CultureInfo.InvariantCulture, $"{period},全国,规模以上工业增加值,month,yoy,{growth},%\n");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Answer(HttpContext ctx, string path, int status)
    {
        Requests.Enqueue((path, status));
        ctx.Response.StatusCode = status;
    }
}
