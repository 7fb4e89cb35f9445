using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Ingest;
using StatsIngest.Messages;
using StatsIngest.Store;

namespace StatsIngest.Monitoring;

/// <summary>
/// The operator's page at <c>/</c>: server-rendered HTML that refreshes itself — the health of each part, the latest
/// workbook to download, what came in today, what was quarantined and why (the report), what is late, and what waits
/// for a passing fault. Everything shown is HTML-encoded; the files it links to are only those it listed.
/// </summary>
public sealed class OperatorPage(
    ObservationStore store, DataFolders folders, IngestStatus status, Deadlines deadlines, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    public const string LatestWorkbookPath = "/workbook/latest.xlsx";
    public const string ReportPath = "/quarantine/";
    private const int MaxQuarantined = 50;
    private const int MaxReportCharacters = 20_000;

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public string Render(HealthReport health)
    {
        var html = new StringBuilder();
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{options.Value.PageRefreshSeconds}">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>StatsIngest 运行情况</title><style>{Style}</style></head>
            <body><header><h1>StatsIngest 运行情况 <small>Operator's page</small></h1>
            <p>数据文件夹 Data folder <code>{E(folders.Root)}</code> · 更新于 {now:yyyy-MM-dd HH:mm:ss} ({E(options.Value.TimeZone)}) · 每 {options.Value.PageRefreshSeconds} 秒刷新</p></header>
            """);
        Health(html, health);
        Workbook(html);
        Today(html, now);
        Quarantined(html);
        Late(html);
        Waiting(html);
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The text of a quarantine report the page listed, or null for any other name.</summary>
    public string? Report(string name) =>
        Directory.Exists(folders.Quarantine) && Directory.GetFiles(folders.Quarantine, "*" + Quarantine.ReportSuffix).Select(Path.GetFileName).Contains(name, StringComparer.Ordinal)
            ? File.ReadAllText(Path.Combine(folders.Quarantine, name))
            : null;

    /// <summary>The path of the latest workbook, when there is one.</summary>
    public string? LatestWorkbook() => File.Exists(Latest) ? Latest : null;

    private string Latest => Path.Combine(folders.Out, "latest.xlsx");

    private static void Health(StringBuilder html, HealthReport health)
    {
        html.Append(CultureInfo.InvariantCulture, $"""<section id="health"><h2>健康状况 Health <span class="badge {health.Status}">{health.Status}</span></h2><table><tr><th>部分 Part</th><th>状态 Status</th><th>说明 Detail</th></tr>""");
        foreach (var (name, entry) in health.Entries)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr><td>{E(name)}</td><td><span class="badge {entry.Status}">{entry.Status}</span></td><td>{E(entry.Description)}</td></tr>""");
        }

        html.Append("</table></section>");
    }

    private void Workbook(StringBuilder html)
    {
        html.Append("""<section id="workbook"><h2>最新汇总工作簿 Latest workbook</h2>""");
        if (LatestWorkbook() is { } path)
        {
            var info = new FileInfo(path);
            var written = TimeZoneInfo.ConvertTime(new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), Zone);
            html.Append(CultureInfo.InvariantCulture, $"""<p><a id="latest-workbook" href="{LatestWorkbookPath}" download="latest.xlsx">下载 latest.xlsx</a> · 写于 {written:yyyy-MM-dd HH:mm:ss} · {info.Length / 1024.0:0.#} KB</p>""");
        }
        else
        {
            html.Append("<p>尚无工作簿 No workbook yet: it is written after the first file is ingested.</p>");
        }

        if (status.RefreshFailure is { } failure)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="bad">上次刷新失败 The last refresh failed at {Local(failure.At):yyyy-MM-dd HH:mm:ss}: {E(failure.Reason)}</p>""");
        }

        html.Append("</section>");
    }

    private void Today(StringBuilder html, DateTimeOffset now)
    {
        var midnight = new DateTimeOffset(now.Date, now.Offset);
        var today = store.Deliveries().Where(d => d.ReceivedAt >= midnight).OrderByDescending(d => d.ReceivedAt).ToArray();
        html.Append(CultureInfo.InvariantCulture, $"""<section id="today"><h2>今日接收 Received today ({today.Length})</h2>""");
        if (today.Length == 0)
        {
            html.Append("<p>今天还没有收到文件 Nothing came in today.</p></section>");
            return;
        }

        html.Append("<table><tr><th>时间 Time</th><th>文件 File</th><th>结果 Outcome</th><th>说明 Detail</th></tr>");
        foreach (var d in today)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr class="{d.Outcome}"><td>{Local(d.ReceivedAt):HH:mm:ss}</td><td>{E(d.FileName)}</td><td>{Outcome(d.Outcome)}</td><td>{E(Cut(Msg.Decode(d.Detail).ToString(), 300))}</td></tr>""");
        }

        html.Append("</table></section>");
    }

    private void Quarantined(StringBuilder html)
    {
        var reports = Directory.Exists(folders.Quarantine)
            ? new DirectoryInfo(folders.Quarantine).GetFiles("*" + Quarantine.ReportSuffix).OrderByDescending(f => f.LastWriteTimeUtc).ToArray()
            : [];
        html.Append(CultureInfo.InvariantCulture, $"""<section id="quarantine"><h2>已隔离 Quarantined ({reports.Length})</h2>""");
        if (reports.Length == 0)
        {
            html.Append("<p>没有被隔离的文件 Nothing is in quarantine.</p></section>");
            return;
        }

        html.Append("<p>文件在 <code>quarantine/</code>，改正后重新放入收件箱即可 Correct a file and drop it into the inbox again.</p>");
        foreach (var report in reports.Take(MaxQuarantined))
        {
            var name = report.Name[..^Quarantine.ReportSuffix.Length];
            var text = File.ReadAllText(report.FullName);
            html.Append(CultureInfo.InvariantCulture, $"""
                <article class="quarantined"><h3>{E(name)} <small>{Local(new DateTimeOffset(report.LastWriteTimeUtc, TimeSpan.Zero)):yyyy-MM-dd HH:mm}</small></h3>
                <p class="reason">{E(FirstReason(text))}</p>
                <details><summary>完整报告 Full report</summary><pre>{E(Cut(text, MaxReportCharacters))}</pre></details>
                <p><a href="{ReportPath}{Uri.EscapeDataString(report.Name)}">{E(report.Name)}</a></p></article>
                """);
        }

        if (reports.Length > MaxQuarantined)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>… 另有 {reports.Length - MaxQuarantined} 个 and {reports.Length - MaxQuarantined} more in quarantine/.</p>");
        }

        html.Append("</section>");
    }

    private void Late(StringBuilder html)
    {
        var late = deadlines.Overdue();
        html.Append(CultureInfo.InvariantCulture, $"""<section id="late"><h2>逾期未到 Late files ({late.Count})</h2>""");
        if (late.Count == 0)
        {
            html.Append("<p>没有逾期的文件 No file is late.</p></section>");
            return;
        }

        html.Append("<table><tr><th>来源 Source</th><th>期间 Period</th><th>应到 Due</th></tr>");
        foreach (var l in late)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(l.Source)}</td><td>{E(l.Period.Code)}</td><td>{l.Due:yyyy-MM-dd}</td></tr>");
        }

        html.Append("</table></section>");
    }

    private void Waiting(StringBuilder html)
    {
        var inbox = Directory.Exists(folders.Inbox) ? Directory.GetFiles(folders.Inbox).Length : 0;
        html.Append(CultureInfo.InvariantCulture, $"""<section id="waiting"><h2>处理中与等待重试 In progress and retries ({status.Deferred.Count})</h2><p>收件箱中 {inbox} 个文件 files in the inbox.""");
        if (status.Reading is { } reading)
        {
            html.Append(CultureInfo.InvariantCulture, $" 正在读取 Reading <b>{E(reading.File)}</b> since {Local(reading.Since):HH:mm:ss}.");
        }

        html.Append("</p>");
        if (status.Deferred.Count > 0)
        {
            html.Append("<table><tr><th>文件 File</th><th>原因 Reason</th><th>自 Since</th><th>次数 Tries</th></tr>");
            foreach (var (file, (reason, since, tries)) in status.Deferred.OrderBy(d => d.Value.Since))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(file)}</td><td>{E(reason)}</td><td>{Local(since):yyyy-MM-dd HH:mm:ss}</td><td>{tries}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section>");
    }

    /// <summary>The first item under "What is wrong:" of a quarantine report, or its first line.</summary>
    private static string FirstReason(string report)
    {
        var lines = report.Split('\n', StringSplitOptions.TrimEntries);
        var at = Array.FindIndex(lines, l => l.StartsWith("What is wrong", StringComparison.Ordinal));
        var first = lines.Skip(at + 1).FirstOrDefault(l => l.Length > 0) ?? lines.FirstOrDefault() ?? string.Empty;
        return Cut(first.StartsWith("1. ", StringComparison.Ordinal) ? first[3..] : first, 400);
    }

    private DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone);

    private static string Outcome(DeliveryOutcome o) => o switch
    {
        DeliveryOutcome.Ingested => "已入库 ingested",
        DeliveryOutcome.Duplicate => "重复 duplicate",
        DeliveryOutcome.Quarantined => "已隔离 quarantined",
        _ => E(o.ToString()),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private const string Style = """
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;max-width:72em}
        h1 small,h3 small{color:#777;font-weight:normal;font-size:60%}
        section{margin:1.2em 0;padding:.6em 1em;border:1px solid #ddd;border-radius:6px}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}
        .badge{padding:.1em .5em;border-radius:4px;color:#fff;font-size:85%}.Healthy{background:#2e7d32}.Degraded{background:#ef6c00}.Unhealthy{background:#c62828}
        tr.Healthy,tr.Degraded,tr.Unhealthy{background:none}tr.Quarantined td{color:#c62828}
        .bad,.reason{color:#c62828}pre{white-space:pre-wrap;background:#f7f7f7;padding:.5em;max-height:30em;overflow:auto}
        """;
}
