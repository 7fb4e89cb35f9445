using System.Diagnostics.Metrics;

namespace StatsIngest.Collect;

/// <summary>
/// The service's meters (<see cref="System.Diagnostics.Metrics"/>, meter "StatsIngest"): files ingested, quarantined
/// and duplicate, observations written, ingest duration, collection attempts and failures. Exposed in Prometheus text
/// on <c>/metrics</c> when the monitoring endpoint is on; any OpenTelemetry or dotnet-counters listener sees them too.
/// </summary>
public sealed class StatsIngestMetrics : IDisposable
{
    public const string MeterName = "StatsIngest";

    private readonly Meter _meter = new(MeterName, "0.1.0");

    public StatsIngestMetrics()
    {
        FilesIngested = _meter.CreateCounter<long>("statsingest.files.ingested", "{file}", "Files ingested as a new vintage");
        FilesQuarantined = _meter.CreateCounter<long>("statsingest.files.quarantined", "{file}", "Files moved to quarantine with a report");
        FilesDuplicate = _meter.CreateCounter<long>("statsingest.files.duplicate", "{file}", "Files already ingested (archived as duplicates)");
        ObservationsWritten = _meter.CreateCounter<long>("statsingest.observations.written", "{observation}", "Observations added to the store");
        IngestDuration = _meter.CreateHistogram<double>("statsingest.ingest.duration", "s", "Time to read, normalize and store one file");
        CollectionAttempts = _meter.CreateCounter<long>("statsingest.collection.attempts", "{item}", "Items (periods, files) a source was asked for");
        CollectionFailures = _meter.CreateCounter<long>("statsingest.collection.failures", "{item}", "Items a source failed to deliver after its retries");
    }

    /// <summary>This service's meter (several hosts in one process each have their own).</summary>
    public Meter Meter => _meter;

    public Counter<long> FilesIngested { get; }

    public Counter<long> FilesQuarantined { get; }

    public Counter<long> FilesDuplicate { get; }

    public Counter<long> ObservationsWritten { get; }

    public Histogram<double> IngestDuration { get; }

    public Counter<long> CollectionAttempts { get; }

    public Counter<long> CollectionFailures { get; }

    public void Dispose() => _meter.Dispose();
}
