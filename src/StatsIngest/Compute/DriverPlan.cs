using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using StatsIngest.Collections;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Store;

namespace StatsIngest.Compute;

/// <summary>The drivers of one region, period and basis: computed together (they are ranked among themselves).</summary>
public readonly record struct DriverGroup(string Region, ReportingPeriod Period, Basis Basis)
{
    /// <summary>The group's key in the store (<see cref="ComputedPartitions.GroupKey"/>).</summary>
    public string Key => ComputedPartitions.GroupKey(Region, Codes.Of(Basis), Period.Code);
}

/// <summary>
/// Which groups of drivers a refresh computes: those whose inputs changed since they were stored — the observations of
/// 规上工业 of their region and basis in their period and in the same period of the year before, and the setup — and
/// those the workbook shows (the latest periods, <see cref="Shown"/>). The others are left as stored. Drivers are nine
/// values in ten of a computation, and a monthly file touches the groups of its own month and of the same month a year on.
/// </summary>
public sealed class DriverPlan
{
    private readonly HashSet<DriverGroup> _computed;

    private DriverPlan(IReadOnlyList<(DriverGroup Group, DriverCandidate[] Present)> groups, HashSet<DriverGroup> computed, IndicatorStore.GroupedDrivers? grouped)
    {
        Groups = groups;
        _computed = computed;
        Grouped = grouped;
    }

    /// <summary>Every group the observations give, with its industries present (<see cref="IndicatorCalculator.DriverGroups"/>).</summary>
    public IReadOnlyList<(DriverGroup Group, DriverCandidate[] Present)> Groups { get; }

    /// <summary>What the store keeps of the plan: each group's inputs hash, and the groups left as stored; null for a workbook's plan (<see cref="ForWorkbook"/>).</summary>
    public IndicatorStore.GroupedDrivers? Grouped { get; }

    /// <summary>The groups computed.</summary>
    public IReadOnlyCollection<DriverGroup> Computed => _computed;

    public bool Computes(DriverGroup group) => _computed.Contains(group);

    /// <param name="latest">The observations the drivers are computed from (their vintages): the plan is for a computation of these.</param>
    /// <param name="codes">The code lists (the industries whose drivers are computed).</param>
    /// <param name="setup">What besides the observations makes the values: the code, the code lists, the settings.</param>
    /// <param name="stored">The groups as stored.</param>
    /// <param name="shownPeriods">How many of the latest periods of each region and basis the workbook shows.</param>
    /// <param name="everyGroup">Compute every group (a computation compared whole).</param>
    public static DriverPlan For(IReadOnlyList<ObservationVintage> latest, CodeLists? codes, string setup,
        IReadOnlyDictionary<string, IndicatorStore.StoredGroup> stored, int shownPeriods, bool everyGroup)
    {
        var groups = IndicatorCalculator.DriverGroups(latest, codes);
        var all = groups.Select(g => g.Group).ToArray();
        var sums = Sums(latest);
        var setupBytes = Encoding.UTF8.GetBytes(setup);
        var inputs = all.ToDictionary(g => g.Key, g => Inputs(setupBytes, sums, g), StringComparer.Ordinal);
        var shown = Shown(all, shownPeriods);
        var computed = all.Where(g => everyGroup || shown.Contains(g) || stored.GetValueOrDefault(g.Key)?.Inputs != inputs[g.Key]).ToHashSet();
        var carried = all.Where(g => !computed.Contains(g)).ToDictionary(g => g.Key, g => stored[g.Key].Digest, StringComparer.Ordinal);
        return new DriverPlan(groups, computed, new IndicatorStore.GroupedDrivers(inputs, carried));
    }

    /// <summary>
    /// The part of this plan for the given years (<see cref="ComputedPartitions.PartOf"/>): its groups computed in those
    /// years, and its groups kept as stored in those years — to compute and store a long history a few years at a time.
    /// </summary>
    public DriverPlan ForYears(IReadOnlySet<string> years)
    {
        bool In(string period) => years.Contains(ComputedPartitions.PartOf(period));
        var computed = _computed.Where(g => In(g.Period.Code)).ToHashSet();
        var grouped = Grouped is null ? null
            : new IndicatorStore.GroupedDrivers(Grouped.Inputs, Grouped.Carried.Where(c => In(ComputedPartitions.GroupPeriod(c.Key))).ToDictionary(StringComparer.Ordinal));
        return new DriverPlan(Groups, computed, grouped);
    }

    /// <summary>
    /// The plan of a workbook whose values are not stored (an earlier period's, one asked for by <c>report</c>): the
    /// groups it shows, nothing else — the drivers of the other periods are neither shown nor part of its fingerprint.
    /// </summary>
    public static DriverPlan ForWorkbook(IReadOnlyList<Observation> observations, CodeLists? codes, int shownPeriods)
    {
        var groups = IndicatorCalculator.DriverGroups(observations.Select(ObservationVintage.Of), codes);
        return new DriverPlan(groups, [.. Shown(groups.Select(g => g.Group), shownPeriods)], null);
    }

    /// <summary>The groups the workbook shows: those of the latest <paramref name="periods"/> periods of each region and basis.</summary>
    public static IReadOnlySet<DriverGroup> Shown(IEnumerable<DriverGroup> groups, int periods) =>
        groups.GroupBy(g => (g.Region, g.Basis))
            .SelectMany(g => g.Select(x => x.Period).Distinct().OrderDescending().Take(periods).Select(p => g.First() with { Period = p }))
            .ToHashSet();

    /// <summary>
    /// An order-free sum of a hash of each observation of 规上工业 by region, basis and period: its series and vintage (a
    /// vintage fixes the value a driver reads: a row is never changed, and a value that did not change adds none). The
    /// series' key text is hashed once per series.
    /// </summary>
    private static PeriodSlots<UInt128> Sums(IReadOnlyList<ObservationVintage> latest)
    {
        var sums = new PeriodSlots<UInt128>();
        var keys = new Dictionary<SeriesKey, UInt128>(ReferenceEqualityComparer.Instance);
        (SeriesKey? Key, UInt128 Hash) series = (null, 0); // a series' observations come together: its key looked up once
        Span<byte> bytes = stackalloc byte[24];
        foreach (var o in latest)
        {
            if (o.Key.Indicator != IndicatorCodes.AboveScaleValueAdded)
            {
                continue;
            }

            if (!ReferenceEquals(o.Key, series.Key))
            {
                series = (o.Key, keys.GetOrAdd(o.Key, k => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(k.ToString().AsSpan()))));
            }

            BinaryPrimitives.WriteUInt128LittleEndian(bytes, series.Hash);
            BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], o.VintageId);
            sums.Slot(o.Key.Region, o.Key.Basis, o.Period) += XxHash128.HashToUInt128(bytes);
        }

        return sums;
    }

    /// <summary>The hash of what a group is computed from: the setup, and its observations in its period and the year before.</summary>
    private static string Inputs(byte[] setup, PeriodSlots<UInt128> sums, DriverGroup g)
    {
        var hash = new XxHash128();
        hash.Append(setup);
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt128LittleEndian(bytes, sums.Get(g.Region, g.Basis, g.Period));
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[16..], sums.Get(g.Region, g.Basis, g.Period.PreviousYear()));
        hash.Append(bytes);
        return ComputedPartitions.Hex(hash.GetCurrentHashAsUInt128());
    }
}
