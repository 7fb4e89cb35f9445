using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using StatsIngest.Collect;
using StatsIngest.Domain;

namespace StatsIngest.Monitoring;

/// <summary>
/// Listens to this service's "StatsIngest" meter and renders its totals in the Prometheus text format (counters as
/// <c>_total</c>, histograms as <c>_sum</c> and <c>_count</c>), tags as labels, every series labelled with the instance
/// (<c>statsingest_instance</c>: the cluster's instance id, or host and pid).
/// </summary>
public sealed class PrometheusText : IDisposable
{
    private readonly string _instance;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _sums = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), long> _counts = new();
    private readonly ConcurrentDictionary<string, (string Kind, string Help)> _instruments = new();

    public PrometheusText(StatsIngestMetrics metrics, ICluster cluster)
    {
        _instance = $"statsingest_instance=\"{cluster.InstanceId.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                _instruments[instrument.Name] = (instrument is Histogram<double> ? "histogram" : "counter", instrument.Description ?? instrument.Name);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var (name, (kind, help)) in _instruments.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var metric = name.Replace('.', '_');
            var series = _sums.Where(kv => kv.Key.Name == name).OrderBy(kv => kv.Key.Labels, StringComparer.Ordinal).ToArray();
            if (kind == "counter")
            {
                sb.Append(CultureInfo.InvariantCulture, $"# HELP {metric}_total {help}\n# TYPE {metric}_total counter\n");
                foreach (var (key, value) in series.DefaultIfEmpty(new((name, "{" + _instance + "}"), 0)))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{metric}_total{key.Labels} {value}\n");
                }
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"# HELP {metric} {help}\n# TYPE {metric} summary\n");
                foreach (var (key, value) in series.DefaultIfEmpty(new((name, "{" + _instance + "}"), 0)))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{metric}_sum{key.Labels} {value}\n{metric}_count{key.Labels} {_counts.GetValueOrDefault(key)}\n");
                }
            }
        }

        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = "{" + string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key.Replace('.', '_')}=\"{Convert.ToString(t.Value, CultureInfo.InvariantCulture)?.Replace("\"", "\\\"", StringComparison.Ordinal)}\"").Append(_instance)) + "}";
        _sums.AddOrUpdate((name, labels), value, (_, v) => v + value);
        _counts.AddOrUpdate((name, labels), 1, (_, c) => c + 1);
    }
}
