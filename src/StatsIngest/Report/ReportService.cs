using Microsoft.Extensions.Options;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Hosting;
using StatsIngest.Normalize;
using StatsIngest.Store;

namespace StatsIngest.Report;

/// <summary>Builds the summary workbook and the exports from the store.</summary>
public sealed class ReportService(ObservationStore store, IndicatorStore indicatorStore, WorkbookPublisher publisher, Collect.Deadlines deadlines, CodeLists codes, TargetProfiles profiles, IOptions<IndicatorOptions> options, IOptions<ReportOptions> reportOptions, TimeProvider clock)
{
    /// <summary>
    /// Gathers what the workbook of a period shows: the observations of that period and before (latest vintage, or the
    /// one known at <paramref name="asOf"/>) and the indicators computed from them. Without a period, the latest one.
    /// </summary>
    public SummaryData Gather(string? periodCode = null, DateTimeOffset? asOf = null)
    {
        var all = store.LatestObservations(asOf);
        var period = periodCode ?? (all.Count == 0 ? "empty" : all.Max(o => o.Period).Code);
        var observations = ReportingPeriod.TryParseCode(period, out var p) ? all.Where(x => x.Period <= p).ToArray() : all;
        var files = store.Files().Where(f => asOf is null || f.IngestedAt <= asOf).ToArray();
        var deliveries = store.Deliveries().Where(d => asOf is null || d.ReceivedAt <= asOf).ToArray();
        var revisions = indicatorStore.Revisions().Where(r => asOf is null || r.ComputedAt <= asOf).ToArray();
        return new SummaryData(period, observations, Compute(observations, asOf), files, deliveries, codes, clock.GetUtcNow(), asOf)
        {
            Revisions = revisions,
            Overdue = asOf is null ? deadlines.Overdue() : [],
            Language = reportOptions.Value.Language,
        };
    }

    /// <summary>
    /// Recomputes every indicator from the latest vintages and stores them (recording each value a revision changed),
    /// then publishes the workbook of the latest period and a new revision of every period already reported whose
    /// content changed: what runs after each ingested file.
    /// </summary>
    /// <returns>The path of the latest period's workbook.</returns>
    public string Refresh()
    {
        var all = store.LatestObservations();
        indicatorStore.Save(Compute(all, null).Records, clock.GetUtcNow());
        var latest = Gather();

        // Earlier periods first: when the latest workbook appears, every revision it implies is already published.
        foreach (var period in publisher.ReportedPeriods().Where(p => p != latest.PeriodCode))
        {
            publisher.Publish(Gather(period), updateLatest: false);
        }

        return publisher.Publish(latest, updateLatest: true).Path;
    }

    /// <summary>The workbook of a period (default: the latest), or of the data known at a date.</summary>
    /// <returns>The path of the workbook.</returns>
    public string WriteSummary(string? periodCode = null, DateTimeOffset? asOf = null)
    {
        var data = Gather(periodCode, asOf);
        if (asOf is { } when)
        {
            return publisher.PublishAsOf(data, when);
        }

        var latestPeriod = store.LatestObservations().Select(o => o.Period).DefaultIfEmpty().Max();
        return publisher.Publish(data, updateLatest: data.PeriodCode == latestPeriod.Code).Path;
    }

    private IndicatorSet Compute(IReadOnlyList<Domain.Observation> observations, DateTimeOffset? asOf)
    {
        var o = options.Value;
        var now = asOf ?? clock.GetUtcNow();
        return IndicatorCalculator.Compute(observations,
            new IndicatorSettings(o.BaselineContributionRate, o.TrendSlopePeriods, o.TrendAlertPeriods, o.DefaultRegion, now.Year), codes, profiles.Current);
    }

    /// <summary>Every computed indicator (as of a date, or now) as CSV with the vintages of its inputs.</summary>
    public void ExportIndicators(Stream output, DateTimeOffset? asOf = null) =>
        IndicatorCsvExporter.Write(output, Gather(null, asOf).Indicators.Records);

    public void Export(Stream output, bool allVintages, DateTimeOffset? asOf = null) =>
        CanonicalCsvExporter.Write(output,
            allVintages ? store.AllObservations().Where(o => asOf is null || o.VintageTime <= asOf) : store.LatestObservations(asOf), codes);

    public void ExportRevisions(Stream output) => IndicatorCsvExporter.WriteRevisions(output, indicatorStore.Revisions());
}
