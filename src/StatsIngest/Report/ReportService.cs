using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Normalize;
using StatsIngest.Store;

namespace StatsIngest.Report;

/// <summary>Builds the summary workbook and the exports from the store.</summary>
public sealed class ReportService(ObservationStore store, IndicatorStore indicatorStore, WorkbookPublisher publisher, ILateFiles lateFiles, CodeLists codes, TargetProfiles profiles, IOptions<IndicatorOptions> options, IOptions<ReportOptions> reportOptions, AnalysisTemplates analysis, WorkbookWords words, IHostEnvironment environment, TimeProvider clock)
{
    /// <summary>
    /// Gathers what the workbook of a period shows: the observations of that period and before (latest vintage, or the
    /// one known at <paramref name="asOf"/>) and the indicators computed from them. Without a period, the latest one.
    /// </summary>
    public SummaryData Gather(string? periodCode = null, DateTimeOffset? asOf = null)
    {
        var snapshot = Snapshot.Read(store, indicatorStore, lateFiles, asOf, Scope());
        return Gather(periodCode, asOf, snapshot, snapshot.Whole.Value);
    }

    /// <summary>
    /// The regions the workbooks report (Report:Regions; by default the default region), or null for all — also when
    /// the store holds none of the regions asked for, so a first file of another region still gives a workbook (whose
    /// overview says how to name the region).
    /// </summary>
    private ReportScope Scope()
    {
        var wanted = reportOptions.Value.Scope(options.Value.DefaultRegion);
        if (wanted is null)
        {
            return new ReportScope(null, false);
        }

        var present = store.Regions();
        return present.Count == 0 || wanted.Any(present.Contains) ? new ReportScope(wanted, false) : new ReportScope(null, true);
    }

    /// <summary>
    /// Recomputes every indicator from the latest vintages and stores them (recording each value a revision changed),
    /// then publishes the workbook of the latest period and a new revision of every period already reported whose
    /// content changed: what runs after each ingested file. The store is read once for all of it; a period whose inputs
    /// and setup are those its newest revision was made from (kept beside it, <see cref="WorkbookPublisher.InputsFile"/>)
    /// is passed over: an earlier one unread, the latest (whose indicators are stored all the same) without comparing.
    /// </summary>
    /// <returns>The latest period's workbook, and whether this refresh wrote it (not when its content was that on disk).</returns>
    public PublishedWorkbook Refresh()
    {
        PeriodFailures.Clear();
        // Through the index unless no group of drivers is stored (a first refresh computes them all: every row is read).
        var groups = indicatorStore.Groups();
        var snapshot = Snapshot.Read(store, indicatorStore, lateFiles, null, Scope(), byIndex: groups.Count > 0);
        LastRefreshIndexKept = snapshot.Latest?.Kept ?? 0;
        // The refresh plans and computes on one core before it writes its workbook (over a long history, most of its
        // time): the process's first workbook is warmed on the other meanwhile (after the index, read on both).
        WorkbookWarmUp.Start(codes, clock.GetUtcNow());
        var plan = Plan(snapshot, groups);
        var batched = StoreInBatches(snapshot, plan);
        if (batched.Count > 0)
        {
            plan = Plan(snapshot, indicatorStore.Groups()); // the batches are stored now: kept as stored, the groups shown computed once more
        }

        // The whole history when it is read already (the batches) or the latest workbook was fingerprinted over all of it.
        var rows = batched.Count > 0 || publisher.FingerprintedOverEveryObservation(snapshot.LatestPeriod.Value) ? snapshot.Whole.Value : snapshot.ComputedFrom(plan);
        LastRefreshRowsRead = rows.Observations.Count;
        var latest = Gather(null, null, snapshot, rows, _ => plan); // the latest period holds every observation
        using var saving = indicatorStore.Prepare(latest.Indicators.Records, clock.GetUtcNow(), plan.Grouped);
        LastRefreshComputedDrivers = plan.Computed.Concat(batched).Select(g => g.Key).Distinct().Order(StringComparer.Ordinal).ToArray();
        snapshot = snapshot with { Revisions = [.. indicatorStore.Revisions(), .. saving.Revisions] };
        latest = latest with { Revisions = snapshot.Revisions };

        // The indicators are written on another thread while the workbooks are made; no workbook takes its place before
        // they are stored (a failure to store them is the refresh's, and no workbook appears).
        var stored = Task.Run(saving.Apply);
        try
        {
            return Publish(snapshot, latest, () => stored.GetAwaiter().GetResult());
        }
        finally
        {
            ((IAsyncResult)stored).AsyncWaitHandle.WaitOne(); // done with the connection before it is closed
        }
    }

    /// <summary>The workbooks of a refresh: every period already reported whose content changed, then the latest; each after <paramref name="stored"/>.</summary>
    private PublishedWorkbook Publish(Snapshot snapshot, SummaryData latest, Action stored)
    {
        // Earlier periods first: when the latest workbook appears, every revision it implies is already published. A period
        // that fails is said and skipped: it never blocks the others nor the latest. A period whose inputs and setup are
        // those its newest revision was made from is passed over unread.
        var inputs = new PeriodInputs(snapshot.Vintages(), snapshot.Overdue, snapshot.Scope, clock.GetUtcNow().Year);
        LastRefreshGathered.Clear();
        foreach (var period in publisher.ReportedPeriods().Where(p => p != latest.PeriodCode))
        {
            var key = Key(inputs, period);
            if (publisher.Current(period, key, updateLatest: false) is not null)
            {
                continue;
            }

            stored(); // outside the period's failures: a refresh whose indicators were not stored fails whole
            try
            {
                LastRefreshGathered.Add(period);
                publisher.Publish(Gather(period, null, snapshot, snapshot.Whole.Value, observations => WorkbookPlan(observations, period)), updateLatest: false);
                publisher.RememberInputs(period, key);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                PeriodFailures.Add($"{period}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        // The latest too: made from the same inputs under the same setup, its workbook is the one on disk (no fingerprint).
        var latestKey = Key(inputs, latest.PeriodCode);
        var current = publisher.Current(latest.PeriodCode, latestKey, updateLatest: true);
        LastRefreshPassedOverLatest = current is not null;
        if (current is not null)
        {
            stored();
            return current;
        }

        var published = publisher.Publish(latest, updateLatest: true, ready: stored);
        publisher.RememberInputs(latest.PeriodCode, latestKey);
        return published;
    }

    /// <summary>
    /// The groups of drivers a refresh computes (<see cref="DriverPlan"/>): those whose inputs or setup changed and
    /// those the latest workbook shows — all of them when that workbook's newest revision was fingerprinted with every
    /// driver (<see cref="WorkbookPublisher.FingerprintedBefore"/>), so it can be compared once more.
    /// </summary>
    private DriverPlan Plan(Snapshot snapshot, IReadOnlyDictionary<string, IndicatorStore.StoredGroup> stored) =>
        DriverPlan.For(snapshot.Vintages(), codes, _setup.Value,
            stored, reportOptions.Value.DriverPeriods, publisher.FingerprintedBefore(snapshot.LatestPeriod.Value));

    /// <summary>
    /// When the plan computes more groups of drivers than Report:DriverBatchGroups (the first refresh of a long history,
    /// a new build or setup), computes and stores them whole years at a time, each batch at most that many groups unless
    /// one year holds more: the refresh's memory follows the batch, not the history. Each batch is one transaction; a
    /// refresh that fails between batches leaves the ones stored, and the next refresh finds them current.
    /// </summary>
    /// <returns>The groups computed and stored in batches; none when the plan is small enough to compute at once.</returns>
    private IReadOnlyList<DriverGroup> StoreInBatches(Snapshot snapshot, DriverPlan plan)
    {
        var limit = reportOptions.Value.DriverBatchGroups;
        LastRefreshDriverBatches = 0;
        if (plan.Computed.Count <= limit)
        {
            return [];
        }

        var stored = new List<DriverGroup>();
        var batch = new List<IGrouping<string, DriverGroup>>();
        foreach (var year in plan.Computed.GroupBy(g => ComputedPartitions.PartOf(g.Period.Code)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (batch.Count > 0 && batch.Sum(y => y.Count()) + year.Count() > limit)
            {
                Store();
            }

            batch.Add(year);
        }

        Store();
        return stored;

        void Store()
        {
            var years = batch.Select(y => y.Key).ToHashSet(StringComparer.Ordinal);
            var part = plan.ForYears(years);
            var whole = snapshot.Whole.Value;
            var records = Compute(whole.Observations, null, part, whole.Index.Value).Records.Where(r => years.Contains(ComputedPartitions.PartOf(r.Period))).ToArray();
            indicatorStore.Save(records, clock.GetUtcNow(), part.Grouped, years);
            stored.AddRange(batch.SelectMany(y => y));
            LastRefreshDriverBatches++;
            batch.Clear();
        }
    }

    /// <summary>The groups of drivers a workbook that is not stored needs: those it shows — all of them when its newest revision
    /// was fingerprinted with every driver, so it can be compared once more.
    /// </summary>
    private DriverPlan? WorkbookPlan(IReadOnlyList<Domain.Observation> observations, string period) =>
        publisher.FingerprintedBefore(period) ? null : DriverPlan.ForWorkbook(observations, codes, reportOptions.Value.DriverPeriods);

    /// <summary>How many batches of years the last refresh stored its drivers in before the rest (<see cref="StoreInBatches"/>); 0 when it computed them at once.</summary>
    public int LastRefreshDriverBatches { get; private set; }

    /// <summary>The groups of drivers (region|basis|period) the last refresh computed; the others were left as stored.</summary>
    public IReadOnlyList<string> LastRefreshComputedDrivers { get; private set; } = [];

    /// <summary>
    /// How many observations the last refresh computed the latest period's indicators from: of a long history read through
    /// its index, those it computes from (<see cref="Snapshot.ComputedFrom"/>); the whole history where it reads it whole (no
    /// group of drivers stored, every group computed or stored in batches, a latest workbook fingerprinted over every observation).
    /// </summary>
    public int LastRefreshRowsRead { get; private set; }

    /// <summary>How many entries of the index the last refresh took as the read before it kept them (<see cref="LatestIndex.Kept"/>); 0 when it read them all.</summary>
    public int LastRefreshIndexKept { get; private set; }

    /// <summary>Whether the last refresh found the latest period's workbook made from its inputs and setup, and passed over it.</summary>
    public bool LastRefreshPassedOverLatest { get; private set; }

    /// <summary>What a period's workbook is made from: its inputs (<see cref="PeriodInputs"/>) and the setup that turns them into a workbook.</summary>
    private string Key(PeriodInputs inputs, string period) => $"{inputs.For(period)}|{_setup.Value}";

    /// <summary>
    /// The setup as one hash: the code (the build of both assemblies), the settings of the indicators and the report,
    /// and every file of config/ (code lists, profiles, targets, words, templates). Equal inputs under an equal setup
    /// give the same workbook, in this process or a later one.
    /// </summary>
    private readonly Lazy<string> _setup = new(() =>
    {
        var hash = new XxHash128();
        hash.Append(typeof(ReportService).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.Append(typeof(Domain.Observation).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.Append(JsonSerializer.SerializeToUtf8Bytes(options.Value, SetupJson.Default.IndicatorOptions));
        hash.Append(JsonSerializer.SerializeToUtf8Bytes(reportOptions.Value, SetupJson.Default.ReportOptions));
        var config = Path.Combine(environment.ContentRootPath, "config");
        foreach (var file in Directory.Exists(config) ? Directory.GetFiles(config, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [])
        {
            hash.Append(Encoding.UTF8.GetBytes(Path.GetRelativePath(config, file)));
            hash.Append(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    });

    /// <summary>The workbook's words with the names of the code lists and targets: made once, shared by every period's workbook.</summary>
    private readonly Lazy<WorkbookWords> _words = new(() => words.WithNames(codes, profiles.Current.Targets.Select(t => (t.Name, t.NameEn))));

    /// <summary>The earlier periods the last refresh gathered again (the others' inputs had not changed).</summary>
    public List<string> LastRefreshGathered { get; } = [];

    /// <summary>Earlier periods whose new revision could not be written in the last refresh, and why.</summary>
    public List<string> PeriodFailures { get; } = [];

    /// <summary>Observations, with their index by series and period made once for every computation of them (the batches of drivers, the latest period's).</summary>
    private sealed class Rows(IReadOnlyList<Domain.Observation> observations)
    {
        public IReadOnlyList<Domain.Observation> Observations => observations;

        public Lazy<Dictionary<(SeriesKey Key, ReportingPeriod Period), Domain.Observation>> Index { get; } = new(() => ObservationIndex.Of(observations));
    }

    /// <summary>
    /// What the store held at one moment (or as of a date): read once, shared by the workbooks of several periods. A
    /// refresh reads the history through its index (<see cref="Latest"/>: which row of each period is the latest, not the
    /// rows), then only the rows it computes from; the whole history (<see cref="Whole"/>, of the same files) when first asked.
    /// </summary>
    private sealed record Snapshot(
        ObservationStore Store,
        ReportScope Scope,
        LatestIndex? Latest,
        Lazy<Rows> Whole,
        IReadOnlyList<FileRecord> Files,
        IReadOnlyList<Delivery> Deliveries,
        IReadOnlyList<StoredRevision> Revisions,
        IReadOnlyList<OverdueFile> Overdue)
    {
        /// <summary>The period of the newest observations (<see cref="ReportService.LatestPeriod"/>), found once.</summary>
        public Lazy<string> LatestPeriod { get; } = new(() => Latest is { } index
            ? (index.Entries.Count == 0 ? "empty" : index.Entries.Max(e => e.Period).Code)
            : ReportService.LatestPeriod(Whole.Value.Observations));

        /// <summary>Of the history read through its index, the rows every computation reads (<see cref="AlwaysRead"/>), read once.</summary>
        private Lazy<IReadOnlyList<Domain.Observation>>? _always;

        private IReadOnlyList<ObservationVintage>? _vintages;

        /// <summary>Every observation's series, period and vintage: what the workbooks' keys and the drivers' plan hash (made once).</summary>
        public IReadOnlyList<ObservationVintage> Vintages() => _vintages ??= MakeVintages();

        private IReadOnlyList<ObservationVintage> MakeVintages()
        {
            if (Latest is not { } index)
            {
                return [.. Whole.Value.Observations.Select(ObservationVintage.Of)];
            }

            // Whether a value is there is known of the rows read: the total's growth, which makes a group of drivers.
            var read = AlwaysRead(index).ToDictionary(o => o.Id, o => o.Value is not null);
            var entries = index.Entries;
            var vintages = new ObservationVintage[entries.Count]; // sized at once: at 10M rows a growing list copied 28 ms
            for (var i = 0; i < vintages.Length; i++)
            {
                var e = entries[i];
                vintages[i] = new ObservationVintage(e.Key, e.Period, e.VintageId, read.GetValueOrDefault(e.Id, true));
            }

            return vintages;
        }

        /// <summary>
        /// What the latest period's computation under <paramref name="plan"/> reads: the rows every computation reads
        /// (<see cref="IndicatorCalculator.AlwaysReads"/>), the flagged ones (the checks), 规上工业's in its latest period (the
        /// overview's newest value) and those of the drivers computed (<see cref="IndicatorCalculator.DriversRead"/>). The
        /// whole history when it was not read through its index, when every group of drivers is computed (nearly every row
        /// is read: whole, in ranges, is faster than by id), or when 规上工业's newest value lies before its latest period.
        /// </summary>
        public Rows ComputedFrom(DriverPlan plan)
        {
            if (Latest is not { } index || plan.Computed.Count == plan.Groups.Count)
            {
                return Whole.Value;
            }

            var drivers = IndicatorCalculator.DriversRead(plan.Computed).GroupBy(d => (d.Region, d.Basis)).ToDictionary(g => g.Key, g => g.Select(d => d.Period).ToHashSet());
            var rows = Store.LatestRows(index, BySeries(key =>
                key.Indicator == IndicatorCodes.AboveScaleValueAdded && drivers.TryGetValue((key.Region, key.Basis), out var periods) ? e => periods.Contains(e.Period) : null),
                AlwaysRead(index));
            var newest = NewestOfIndustry.Value;
            return newest is null || rows.Any(o => o.Key.Indicator == IndicatorCodes.AboveScaleValueAdded && o.Period == newest && o.Value is not null)
                ? new Rows(rows) : Whole.Value;
        }

        private IReadOnlyList<Domain.Observation> AlwaysRead(LatestIndex index)
        {
            _always ??= new(() =>
            {
                var newest = NewestOfIndustry.Value;
                var flagged = index.Flagged;
                Func<LatestEntry, bool> some = e => IndicatorCalculator.IsAnnualLevel(e.Key, e.Period) || (flagged.Count > 0 && flagged.Contains(e.Id))
                                                    || (e.Period == newest && e.Key.Indicator == IndicatorCodes.AboveScaleValueAdded);
                return Store.LatestRows(index, BySeries(key => IndicatorCalculator.AlwaysReads(key) ? _ => true : some));
            });
            return _always.Value;
        }

        /// <summary>
        /// Which entries to read, by the test <paramref name="series"/> gives for their series (null: none of them), found
        /// once per series: the index's entries come series after series.
        /// </summary>
        private static Func<LatestEntry, bool> BySeries(Func<SeriesKey, Func<LatestEntry, bool>?> series)
        {
            (SeriesKey? Key, Func<LatestEntry, bool>? Test) last = (null, null);
            return e =>
            {
                if (!ReferenceEquals(e.Key, last.Key))
                {
                    last = (e.Key, series(e.Key));
                }

                return last.Test?.Invoke(e) ?? false;
            };
        }

        /// <summary>The latest period of 规上工业 (of any industry) in the index, or null when there is none (or no index), found once.</summary>
        private Lazy<ReportingPeriod?> NewestOfIndustry { get; } = new(() =>
            Latest?.Entries.Where(e => e.Key.Indicator == IndicatorCodes.AboveScaleValueAdded).Select(e => (ReportingPeriod?)e.Period).Max());

        public static Snapshot Read(ObservationStore store, IndicatorStore indicators, ILateFiles lateFiles, DateTimeOffset? asOf, ReportScope scope, bool byIndex = false)
        {
            // The observations (or their index) first: a file committed meanwhile is among the files, not the observations.
            var latest = byIndex && asOf is null ? store.LatestIndex(scope.Regions) : null;
            var whole = latest is null ? new Lazy<Rows>(new Rows(store.LatestObservations(asOf, scope.Regions))) : new(() => new Rows(store.LatestObservations(latest)));
            return new(
                store,
                scope,
                latest,
                whole,
                store.Files().Where(f => asOf is null || f.IngestedAt <= asOf).ToArray(),
                store.Deliveries().Where(d => asOf is null || d.ReceivedAt <= asOf).ToArray(),
                indicators.Revisions().Where(r => asOf is null || r.ComputedAt <= asOf).ToArray(),
                asOf is null ? lateFiles.Overdue() : []);
        }
    }

    /// <summary>The period of the newest observations (the latest workbook's), or "empty".</summary>
    private static string LatestPeriod(IReadOnlyList<Domain.Observation> all) => all.Count == 0 ? "empty" : all.Max(o => o.Period).Code;

    /// <param name="periodCode">The period; null for the latest.</param>
    /// <param name="asOf">The date the data is known at; null for now.</param>
    /// <param name="snapshot">What the store holds.</param>
    /// <param name="rows">The observations computed from: the snapshot's whole history, or those a refresh computes from.</param>
    /// <param name="drivers">The plan of the drivers to compute from the period's observations; null (or a null plan) for every driver.</param>
    private SummaryData Gather(string? periodCode, DateTimeOffset? asOf, Snapshot snapshot, Rows rows, Func<IReadOnlyList<Domain.Observation>, DriverPlan?>? drivers = null)
    {
        var all = rows.Observations;
        var period = periodCode ?? snapshot.LatestPeriod.Value;
        // The latest period holds every observation: taken as they are, not filtered into a copy.
        IReadOnlyList<Domain.Observation> observations = periodCode is not null && ReportingPeriod.TryParseCode(period, out var p) ? all.Where(x => x.Period <= p).ToArray() : all;
        var index = observations.Count == all.Count ? rows.Index.Value : null; // all of them: the rows' own index
        var data = new SummaryData(period, observations, Compute(observations, asOf, drivers?.Invoke(observations), index), snapshot.Files, snapshot.Deliveries, codes, clock.GetUtcNow(), asOf)
        {
            Revisions = snapshot.Revisions,
            Overdue = snapshot.Overdue,
            Language = reportOptions.Value.Language,
            DriverPeriods = reportOptions.Value.DriverPeriods,
            PanelYears = reportOptions.Value.PanelYears,
            Scope = snapshot.Scope,
            DefaultRegion = options.Value.DefaultRegion,
            WorkbookWords = _words.Value,
        };
        return data with { Analysis = Analysis.Write(data, analysis) };
    }

    /// <summary>The workbook of a period (default: the latest), or of the data known at a date.</summary>
    /// <returns>The path of the workbook.</returns>
    public string WriteSummary(string? periodCode = null, DateTimeOffset? asOf = null)
    {
        var snapshot = Snapshot.Read(store, indicatorStore, lateFiles, asOf, Scope());
        var data = Gather(periodCode, asOf, snapshot, snapshot.Whole.Value, observations => WorkbookPlan(observations, periodCode ?? LatestPeriod(observations)));
        if (asOf is { } when)
        {
            return publisher.PublishAsOf(data, when);
        }

        // Read as of now, the snapshot's latest period is the store's: latest.xlsx follows the workbook of that period only.
        var isLatest = snapshot.Whole.Value.Observations.Count > 0 && data.PeriodCode == snapshot.LatestPeriod.Value;
        return publisher.Publish(data, updateLatest: isLatest).Path;
    }

    private IndicatorSet Compute(IReadOnlyList<Domain.Observation> observations, DateTimeOffset? asOf, DriverPlan? drivers,
        Dictionary<(SeriesKey Key, ReportingPeriod Period), Domain.Observation>? index)
    {
        var o = options.Value;
        var now = asOf ?? clock.GetUtcNow();
        return IndicatorCalculator.Compute(observations,
            new IndicatorSettings(o.BaselineContributionRate, o.TrendSlopePeriods, o.TrendAlertPeriods, o.DefaultRegion, now.Year), codes, profiles.Current, drivers, index);
    }

    /// <summary>Every computed indicator (as of a date, or now) as CSV with the vintages of its inputs.</summary>
    public void ExportIndicators(Stream output, DateTimeOffset? asOf = null)
    {
        var snapshot = Snapshot.Read(store, indicatorStore, lateFiles, asOf, new ReportScope(null, false));
        IndicatorCsvExporter.Write(output, Gather(null, asOf, snapshot, snapshot.Whole.Value).Indicators.Records);
    }

    public void Export(Stream output, bool allVintages, DateTimeOffset? asOf = null) =>
        CanonicalCsvExporter.Write(output,
            allVintages ? store.AllObservations().Where(o => asOf is null || o.VintageTime <= asOf) : store.LatestObservations(asOf), codes);

    /// <summary>The monthly series (latest vintages, as of a date or now) laid out for seasonal adjustment (<see cref="SeriesTable"/>).</summary>
    public SeriesTable SeriesTable(DateTimeOffset? asOf = null) => Report.SeriesTable.From(store.LatestObservations(asOf));

    public void ExportRevisions(Stream output) => IndicatorCsvExporter.WriteRevisions(output, indicatorStore.Revisions());
}
