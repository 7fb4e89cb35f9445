using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StatsIngest.Monitoring;

/// <summary>Settings of the monitoring endpoint. Section <c>Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Where /health and /metrics answer, e.g. http://127.0.0.1:9464; empty (the default) for off.</summary>
    public string? Url { get; set; }
}

/// <summary>
/// The optional HTTP endpoint (Kestrel, bound to 127.0.0.1 by default): <c>/health</c> (JSON: overall status and each
/// check; 200 when healthy or degraded, 503 when unhealthy) and <c>/metrics</c> (Prometheus text). Off unless
/// <c>Monitoring:Url</c> is set.
/// </summary>
public sealed partial class MonitoringEndpoint(IOptions<MonitoringOptions> options, HealthCheckService health, PrometheusText metrics, ILogger<MonitoringEndpoint> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address actually bound (a port of 0 in the setting becomes a real one).</summary>
    public string? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Url))
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Value.Url);
        _app = builder.Build();
        _app.MapGet("/health", async (HttpContext ctx) =>
        {
            var report = await health.CheckHealthAsync(ctx.RequestAborted).ConfigureAwait(false);
            ctx.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? 503 : 200;
            ctx.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(ctx.Response.Body, new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString()),
                }),
            }, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        });
        _app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        LogListening(Address ?? options.Value.Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health and metrics on {Address} (/health, /metrics)")]
    private partial void LogListening(string address);
}
