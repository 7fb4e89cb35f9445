using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StatsIngest.Domain;

namespace StatsIngest.Collect;

/// <summary>What one item (a period of an HTTP source, a file of a folder source) gave: saved, unchanged, not-found or failed.</summary>
public sealed record CollectedItem(string Source, string Item, string Outcome, string? SavedPath, string Detail)
{
    public const string Saved = "saved";
    public const string Unchanged = "unchanged";
    public const string NotFound = "not-found";
    public const string Failed = "failed";
}

/// <summary>
/// Fetches what is new from a source and places it in the inbox atomically (downloaded to <c>tmp/</c> in the data
/// folder, then moved), so the normal pipeline — dedupe, vintages, quarantine — does the rest. HTTP goes through
/// <see cref="IHttpClientFactory"/> and a Polly pipeline per source (total and per-attempt timeouts, retries with
/// exponential backoff and jitter on network errors, 5xx, 408 and 429 — honouring Retry-After —, a circuit breaker),
/// with conditional requests (ETag, Last-Modified) and the content hash so an unchanged file is not saved again, and a
/// size limit. Saved names come from the source name and the period, never from the server.
/// </summary>
public sealed partial class SourceCollector(
    DataFolders folders, IHttpClientFactory httpFactory, ISourceStates state, IgnoredNames ignored, StatsIngestMetrics metrics, TimeProvider clock, ILogger<SourceCollector> logger)
{
    public const string HttpClientName = "sources";
    private static readonly string[] KnownExtensions = [".csv", ".xlsx", ".xls"];
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CollectedItem>> CollectAsync(SourceDefinition source, IReadOnlyList<ReportingPeriod> periods, CancellationToken ct)
    {
        var items = source.Kind.Equals("folder", StringComparison.OrdinalIgnoreCase)
            ? await CollectFolderAsync(source, ct).ConfigureAwait(false)
            : await CollectHttpAsync(source, periods, ct).ConfigureAwait(false);
        var tag = new KeyValuePair<string, object?>("source", source.Name);
        metrics.CollectionAttempts.Add(items.Count, tag);
        metrics.CollectionFailures.Add(items.Count(i => i.Outcome == CollectedItem.Failed), tag);
        state.Put(new SourceItemState(source.Name, "*", null, null, null, null, null, clock.GetUtcNow(),
            items.Any(i => i.Outcome == CollectedItem.Failed) ? CollectedItem.Failed : "ok",
            string.Join("; ", items.GroupBy(i => i.Outcome).Select(g => $"{g.Count()} {g.Key}"))));
        return items;
    }

    private async Task<List<CollectedItem>> CollectHttpAsync(SourceDefinition source, IReadOnlyList<ReportingPeriod> periods, CancellationToken ct)
    {
        var results = new List<CollectedItem>();
        foreach (var period in periods)
        {
            results.Add(await FetchPeriodAsync(source, period, ct).ConfigureAwait(false));
        }

        return results;
    }

    private sealed class TransientHttpException(HttpStatusCode status, TimeSpan? retryAfter)
        : Exception($"the server answered {(int)status} {status}")
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    private sealed record Fetch(string Outcome, string? ETag, string? LastModified, string? ContentType, string Detail);

    private async Task<CollectedItem> FetchPeriodAsync(SourceDefinition source, ReportingPeriod period, CancellationToken ct)
    {
        var url = SourcePlan.ExpandUrl(source.Url!, period);
        var previous = state.Get(source.Name, period.Code);
        var tmp = Directory.CreateDirectory(Path.Combine(folders.Root, "tmp")).FullName;
        var temp = Path.Combine(tmp, $"{source.Name}_{period.Code}.{Guid.NewGuid():N}.part");
        var maxBytes = (long)source.MaxMegabytes * 1024 * 1024;
        var client = httpFactory.CreateClient(HttpClientName);
        try
        {
            Fetch fetch;
            try
            {
                fetch = await Pipeline(source).ExecuteAsync(async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    foreach (var (name, value) in source.Headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                    {
                        request.Headers.IfNoneMatch.Add(tag);
                    }

                    if (previous?.LastModified is { } lm && DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                    {
                        request.Headers.IfModifiedSince = since;
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (status is 408 or 429 or >= 500)
                    {
                        throw new TransientHttpException(response.StatusCode, RetryAfter(response));
                    }

                    if (response.StatusCode == HttpStatusCode.NotModified)
                    {
                        return new Fetch(CollectedItem.Unchanged, previous?.ETag, previous?.LastModified, null, "304 Not Modified");
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return new Fetch(CollectedItem.NotFound, null, null, null, "404: not published yet");
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        return new Fetch(CollectedItem.Failed, null, null, null, $"the server answered {status} {response.StatusCode}");
                    }

                    var expected = response.Content.Headers.ContentLength;
                    if (expected > maxBytes)
                    {
                        return new Fetch(CollectedItem.Failed, null, null, null, $"the file is {expected} bytes, above the limit of {source.MaxMegabytes} MB");
                    }

                    long copied = 0;
                    await using (var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false))
                    await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                    {
                        var buffer = new byte[81920];
                        int n;
                        while ((n = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                        {
                            copied += n;
                            if (copied > maxBytes)
                            {
                                return new Fetch(CollectedItem.Failed, null, null, null, $"the file is above the limit of {source.MaxMegabytes} MB");
                            }

                            await file.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
                        }
                    }

                    if (expected is { } length && copied != length)
                    {
                        throw new IOException($"the body was cut off: {copied} of {length} bytes");
                    }

                    return new Fetch(CollectedItem.Saved, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                        response.Content.Headers.ContentType?.MediaType, $"{copied} bytes");
                }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TransientHttpException or TimeoutRejectedException or BrokenCircuitException)
            {
                fetch = new Fetch(CollectedItem.Failed, null, null, null, ex is BrokenCircuitException
                    ? "the source failed repeatedly: its circuit is open, no request was sent"
                    : $"{ex.Message} (after {source.Retries + 1} attempts at most)");
            }

            return Record(source, period.Code, previous, fetch, temp, $"{source.Name}_{period.Code}{Extension(url, fetch.ContentType)}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private CollectedItem Record(SourceDefinition source, string item, SourceItemState? previous, Fetch fetch, string temp, string savedName)
    {
        var now = clock.GetUtcNow();
        if (fetch.Outcome != CollectedItem.Saved)
        {
            state.Put(new SourceItemState(source.Name, item, previous?.ETag, previous?.LastModified, previous?.Sha256, previous?.SizeBytes, previous?.FetchedAt,
                now, fetch.Outcome, fetch.Detail));
            LogItem(source.Name, item, fetch.Outcome, fetch.Detail);
            return new CollectedItem(source.Name, item, fetch.Outcome, null, fetch.Detail);
        }

        var sha = FileHash.Sha256(temp);
        var size = new FileInfo(temp).Length;
        if (sha == previous?.Sha256)
        {
            state.Put(new SourceItemState(source.Name, item, fetch.ETag, fetch.LastModified, sha, size, previous.FetchedAt, now, CollectedItem.Unchanged, "same content as before"));
            LogItem(source.Name, item, CollectedItem.Unchanged, "same content as before");
            return new CollectedItem(source.Name, item, CollectedItem.Unchanged, null, "same content as before");
        }

        var saved = PlaceInInbox(temp, savedName);
        state.Put(new SourceItemState(source.Name, item, fetch.ETag, fetch.LastModified, sha, size, now, now, CollectedItem.Saved, fetch.Detail));
        LogItem(source.Name, item, CollectedItem.Saved, saved);
        return new CollectedItem(source.Name, item, CollectedItem.Saved, saved, fetch.Detail);
    }

    private async Task<List<CollectedItem>> CollectFolderAsync(SourceDefinition source, CancellationToken ct)
    {
        var root = source.Path!;
        var pipeline = source.Retries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = clock }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<UnauthorizedAccessException>(),
                    MaxRetryAttempts = source.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(source.RetryDelaySeconds),
                })
                .Build();
        string[] files;
        try
        {
            files = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Directory.Exists(root)
                ? Directory.GetFiles(root)
                : throw new DirectoryNotFoundException($"the folder {root} is not reachable")), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogItem(source.Name, "*", CollectedItem.Failed, ex.Message);
            return [new CollectedItem(source.Name, "*", CollectedItem.Failed, null, ex.Message + " (retried; the next run tries again)")];
        }

        var include = source.Include.Count == 0 ? ["*"] : source.Include;
        var results = new List<CollectedItem>();
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (ignored.Contains(name)
                || !include.Any(p => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: true))
                || source.Exclude.Any(p => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: true)))
            {
                continue;
            }

            var info = new FileInfo(path);
            var previous = state.Get(source.Name, name);
            if (previous is { SizeBytes: { } size, FetchedAt: { } fetched } && size == info.Length && fetched >= info.LastWriteTimeUtc)
            {
                continue; // seen, and not written since
            }

            var tmp = Directory.CreateDirectory(Path.Combine(folders.Root, "tmp")).FullName;
            var temp = Path.Combine(tmp, $"{source.Name}.{Guid.NewGuid():N}.part");
            try
            {
                File.Copy(path, temp);
                var fetch = new Fetch(CollectedItem.Saved, null, null, null, $"{info.Length} bytes from {path}");
                results.Add(Record(source, name, previous, fetch, temp, $"{source.Name}_{name}"));
            }
            catch (IOException ex)
            {
                results.Add(Record(source, name, previous, new Fetch(CollectedItem.Failed, null, null, null, ex.Message), temp, $"{source.Name}_{name}"));
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        return results;
    }

    /// <summary>Moves a complete download into the inbox under a name of our making; never over another file.</summary>
    private string PlaceInInbox(string temp, string name)
    {
        Directory.CreateDirectory(folders.Inbox);
        var target = Path.Combine(folders.Inbox, name);
        for (var i = 2; File.Exists(target); i++)
        {
            target = Path.Combine(folders.Inbox, $"{Path.GetFileNameWithoutExtension(name)}_{i}{Path.GetExtension(name)}");
        }

        File.Move(temp, target);
        return target;
    }

    /// <summary>.csv, .xlsx or .xls from the address, else from the content type; the server's file name is never used.</summary>
    private static string Extension(string url, string? contentType)
    {
        var fromPath = Path.GetExtension(Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url).ToLowerInvariant();
        if (KnownExtensions.Contains(fromPath))
        {
            return fromPath;
        }

        return contentType switch
        {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
            "application/vnd.ms-excel" => ".xls",
            _ => ".csv",
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } ra
            ? ra.Delta ?? (ra.Date is { } date ? date - clock.GetUtcNow() : null)
            : null;

    private ResiliencePipeline Pipeline(SourceDefinition source) => _pipelines.GetOrAdd(source.Name, _ =>
    {
        var transient = new PredicateBuilder()
            .Handle<HttpRequestException>().Handle<IOException>().Handle<TransientHttpException>().Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(TimeSpan.FromSeconds(source.TotalTimeoutSeconds));
        if (source.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = source.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(source.RetryDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is TransientHttpException { RetryAfter: { } ra } ? (TimeSpan?)ra : null),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 1.0,
                MinimumThroughput = 3 * (source.Retries + 1),
                SamplingDuration = TimeSpan.FromHours(1),
                BreakDuration = TimeSpan.FromMinutes(10),
            })
            .AddTimeout(TimeSpan.FromSeconds(source.AttemptTimeoutSeconds))
            .Build();
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}, {Item}: {Outcome} ({Detail})")]
    private partial void LogItem(string source, string item, string outcome, string detail);
}
