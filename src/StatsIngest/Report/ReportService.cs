using Microsoft.Extensions.Options;
using StatsIngest.Compute;
using StatsIngest.Hosting;
using StatsIngest.Normalize;
using StatsIngest.Store;

namespace StatsIngest.Report;

/// <summary>Builds the summary workbook and the exports from the store.</summary>
public sealed class ReportService(DataFolders folders, ObservationStore store, IndicatorStore indicatorStore, CodeLists codes, TargetProfiles profiles, IOptions<IndicatorOptions> options, TimeProvider clock)
{
    /// <summary>Gathers what a workbook shows: the latest vintage (or the one known at <paramref name="asOf"/>).</summary>
    public SummaryData Gather(string? periodCode = null, DateTimeOffset? asOf = null)
    {
        var observations = store.LatestObservations(asOf);
        var o = options.Value;
        var now = asOf ?? clock.GetUtcNow();
        var indicators = IndicatorCalculator.Compute(observations,
            new IndicatorSettings(o.BaselineContributionRate, o.TrendSlopePeriods, o.TrendAlertPeriods, o.DefaultRegion, now.Year), codes, profiles.Current);
        var period = periodCode ?? (observations.Count == 0 ? "empty" : observations.Max(o => o.Period).Code);
        var files = store.Files().Where(f => asOf is null || f.IngestedAt <= asOf).ToArray();
        var deliveries = store.Deliveries().Where(d => asOf is null || d.ReceivedAt <= asOf).ToArray();
        return new SummaryData(period, observations, indicators, files, deliveries, codes, clock.GetUtcNow(), asOf);
    }

    /// <summary>
    /// Recomputes every indicator from the latest vintages, stores them (recording each value a revision changed) and
    /// rewrites the workbook: what runs after each ingested file.
    /// </summary>
    /// <returns>The path of the workbook written.</returns>
    public string Refresh()
    {
        var data = Gather();
        indicatorStore.Save(data.Indicators.Records, clock.GetUtcNow());
        return SummaryWorkbookWriter.Write(folders.Out, data with { Revisions = indicatorStore.Revisions() }, clock);
    }

    /// <returns>The path of the workbook written.</returns>
    public string WriteSummary(string? periodCode = null, DateTimeOffset? asOf = null) =>
        SummaryWorkbookWriter.Write(folders.Out, Gather(periodCode, asOf) with { Revisions = indicatorStore.Revisions().Where(r => asOf is null || r.ComputedAt <= asOf).ToArray() }, clock);

    /// <summary>Every computed indicator (as of a date, or now) as CSV with the vintages of its inputs.</summary>
    public void ExportIndicators(Stream output, DateTimeOffset? asOf = null) =>
        IndicatorCsvExporter.Write(output, Gather(null, asOf).Indicators.Records);

    public void Export(Stream output, bool allVintages, DateTimeOffset? asOf = null) =>
        CanonicalCsvExporter.Write(output,
            allVintages ? store.AllObservations().Where(o => asOf is null || o.VintageTime <= asOf) : store.LatestObservations(asOf), codes);

    public void ExportRevisions(Stream output) => IndicatorCsvExporter.WriteRevisions(output, indicatorStore.Revisions());
}
