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

    /// <summary>Where the operator's page, /health and /metrics answer, e.g. http://127.0.0.1:9464; empty (the default) for off.</summary>
    public string? Url { get; set; }

    /// <summary>The time zone of the operator's page ("today", the times shown): an IANA id.</summary>
    /// <value>The default value is Asia/Shanghai.</value>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How often the operator's page reloads itself, in seconds (5 to 3600).</summary>
    /// <value>The default value is 30.</value>
    public int PageRefreshSeconds { get; set; } = 30;
}

/// <summary>Checks the Monitoring section: a time zone that exists, a refresh within its range.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Monitoring:TimeZone = '{options.TimeZone}' is not allowed: give an IANA time zone such as Asia/Shanghai.");
        }

        StatsIngest.Settings.SettingCheck.Range(failures, "Monitoring:PageRefreshSeconds", options.PageRefreshSeconds, 5, 3600, "seconds");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// The optional HTTP endpoint (Kestrel, bound to 127.0.0.1 by default): <c>/</c> (the operator's page),
/// <c>/health</c> (JSON: overall status and each check; 200 when healthy or degraded, 503 when unhealthy) and
/// <c>/metrics</c> (Prometheus text). Off unless <c>Monitoring:Url</c> is set.
/// </summary>
public sealed partial class MonitoringEndpoint(
    IOptions<MonitoringOptions> options, HealthCheckService health, PrometheusText metrics, OperatorPage page, ILogger<MonitoringEndpoint> logger)
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
        _app.MapGet("/", async (HttpContext ctx) =>
        {
            var report = await health.CheckHealthAsync(ctx.RequestAborted).ConfigureAwait(false);
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(page.Render(report), ctx.RequestAborted).ConfigureAwait(false);
        });
        _app.MapGet(OperatorPage.LatestWorkbookPath, () => page.LatestWorkbook() is { } path
            ? Results.File(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "latest.xlsx")
            : Results.NotFound());
        _app.MapGet(OperatorPage.ReportPath + "{name}", (string name) => page.Report(name) is { } text
            ? Results.Text(text, "text/plain; charset=utf-8")
            : Results.NotFound());
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The operator's page, health and metrics on {Address} (/, /health, /metrics)")]
    private partial void LogListening(string address);
}
