using StatsIngest.Normalize.Lexicon;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Normalize;
using StatsIngest.Indicators;
using StatsIngest.Store;

namespace StatsIngest.Report;

/// <summary>The regions a workbook reports: null for every region; <paramref name="FellBack"/> when none of those asked for has data.</summary>
public sealed record ReportScope(IReadOnlyCollection<string>? Regions, bool FellBack);

/// <summary>Everything a summary workbook shows, gathered from the store.</summary>
public sealed record SummaryData(
    string PeriodCode,
    IReadOnlyList<Observation> Observations,
    IndicatorSet Indicators,
    IReadOnlyList<FileRecord> Files,
    IReadOnlyList<Delivery> Deliveries,
    CodeLists Codes,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? AsOf)
{
    /// <summary>The changes of computed values recorded so far (revisions applied), oldest first.</summary>
    public IReadOnlyList<StoredRevision> Revisions { get; init; } = [];

    /// <summary>Files due from the collection sources that have not arrived (marked missing in 来源).</summary>
    public IReadOnlyList<OverdueFile> Overdue { get; init; } = [];

    /// <summary>zh (default) or en: the language of sheet names, headers and labels.</summary>
    public string Language { get; init; } = "zh";

    /// <summary>The regions reported (null: all) and whether that is because the store holds none of those asked for.</summary>
    public ReportScope Scope { get; init; } = new(null, false);

    /// <summary>Indicators:DefaultRegion, named when the scope fell back to every region.</summary>
    public string DefaultRegion { get; init; } = string.Empty;

    /// <summary>The words of the workbook in its language, with the names of the code lists and targets.</summary>
    public WorkbookWords WorkbookWords { get; init; } = WorkbookWords.Empty;

    /// <summary>The analysis paragraphs (分析 on 概览, <c>report --text</c>), written when the data was gathered.</summary>
    public IReadOnlyList<string> Analysis { get; init; } = [];

    /// <summary>How many of the latest periods of each region and basis the 行业 sheet shows (Report:DriverPeriods).</summary>
    public int DriverPeriods { get; init; } = 12;

    /// <summary>The drivers the 行业 sheet shows: those of the latest <see cref="DriverPeriods"/> periods of each region and basis.</summary>
    public IReadOnlyList<DriverValue> ShownDrivers
    {
        get
        {
            var shown = DriverPlan.Shown(Indicators.Drivers.Select(Group), DriverPeriods);
            return Indicators.Drivers.Where(d => shown.Contains(Group(d))).ToArray();
        }
    }

    private static DriverGroup Group(DriverValue d) => new(d.Region, d.Period, d.Basis);

    /// <summary>How many calendar years of months 工业增速 shows for each region, the latest one's included (Report:PanelYears).</summary>
    public int PanelYears { get; init; } = 5;

    /// <summary>The rows 工业增速 shows: each region's months of its latest <see cref="PanelYears"/> calendar years.</summary>
    public IReadOnlyList<PanelRow> ShownPanel
    {
        get
        {
            var latestYear = Indicators.Panel.GroupBy(p => p.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(p => p.Period.Year), StringComparer.Ordinal);
            return Indicators.Panel.Where(p => p.Period.Year > latestYear[p.Region] - PanelYears).ToArray();
        }
    }

    /// <summary>
    /// The computed values the workbook shows: every one but the drivers of periods it does not show (<see cref="ShownDrivers"/>)
    /// and the panel's months it does not show (<see cref="ShownPanel"/>).
    /// </summary>
    public IEnumerable<IndicatorRecord> ShownRecords()
    {
        var shownDrivers = ShownDrivers.Select(d => Group(d).Key).ToHashSet(StringComparer.Ordinal);
        var shownPanel = ShownPanel.Select(p => (p.Region, p.Period.Code)).ToHashSet();
        return Indicators.Records.Where(r => r.Block switch
        {
            ComputedPartitions.GroupedBlock => shownDrivers.Contains(ComputedPartitions.GroupKey(r.Region, r.Basis, r.Period)),
            IndicatorRecords.PanelBlock => shownPanel.Contains((r.Region, r.Period)),
            _ => true,
        });
    }

    /// <summary>The latest growth of above-scale industry of a basis (the overview's headline).</summary>
    public Observation? LatestGrowth(Basis basis) => Headlines().Growth.GetValueOrDefault(basis);

    /// <summary>The newest value of an indicator (the overview's freshness line).</summary>
    public Observation? Newest(string indicator) => Headlines().Newest.GetValueOrDefault(indicator);

    private HeadlineValues? _headlines;

    /// <summary>The headline values, found in one pass over the observations when first asked (and again for other observations).</summary>
    private HeadlineValues Headlines() =>
        _headlines is { } found && ReferenceEquals(found.Of, Observations) ? found : _headlines = HeadlineValues.Find(Observations);

    /// <summary>
    /// Of each indicator the value of the latest period (and, of those, the newest vintage), and of each basis the latest
    /// growth of 规上工业 (all industries): the first observation found wins a tie.
    /// </summary>
    private sealed record HeadlineValues(IReadOnlyList<Observation> Of, Dictionary<string, Observation> Newest, Dictionary<Basis, Observation> Growth)
    {
        public static HeadlineValues Find(IReadOnlyList<Observation> observations)
        {
            var newest = new Dictionary<string, Observation>(StringComparer.Ordinal);
            var growth = new Dictionary<Basis, Observation>();
            foreach (var o in observations.Where(o => o.Value is not null))
            {
                if (!newest.TryGetValue(o.Key.Indicator, out var was) || (o.Period, o.VintageTime).CompareTo((was.Period, was.VintageTime)) > 0)
                {
                    newest[o.Key.Indicator] = o;
                }

                if (o.Key is { Indicator: IndicatorCodes.AboveScaleValueAdded, Industry: SeriesKey.AllIndustries, Measure: Measure.YoY }
                    && (!growth.TryGetValue(o.Key.Basis, out var latest) || o.Period.CompareTo(latest.Period) > 0))
                {
                    growth[o.Key.Basis] = o;
                }
            }

            return new HeadlineValues(observations, newest, growth);
        }
    }

    /// <summary>The indicators of the overview's freshness lines.</summary>
    public static readonly string[] FreshnessIndicators = [IndicatorCodes.Gdp, IndicatorCodes.IndustryValueAdded, IndicatorCodes.AboveScaleValueAdded, "REVENUE"];

    /// <summary>
    /// The observations the workbook uses — the inputs of every indicator it shows, of every check, and the overview's
    /// own figures — each once, in series and period order: the 数据 sheet. Its size follows what is reported, not the store.
    /// </summary>
    public IReadOnlyList<Observation> UsedObservations()
    {
        var used = ShownRecords().SelectMany(r => r.Inputs)
            .Concat(Indicators.Checks.SelectMany(c => c.Inputs))
            .Concat(new[] { LatestGrowth(Basis.Month), LatestGrowth(Basis.YearToDate) }.Concat(FreshnessIndicators.Select(Newest)).OfType<Observation>());
        return used.DistinctBy(o => (o.Key, o.Period, o.VintageId))
            .OrderBy(o => o.Key.Indicator, StringComparer.Ordinal).ThenBy(o => o.Key.Region, StringComparer.Ordinal)
            .ThenBy(o => o.Key.Industry, StringComparer.Ordinal).ThenBy(o => o.Key.Basis).ThenBy(o => o.Key.Measure)
            .ThenBy(o => o.Period).ToArray();
    }
}
