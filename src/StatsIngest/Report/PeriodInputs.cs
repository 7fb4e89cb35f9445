using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using StatsIngest.Collections;
using StatsIngest.Compute;
using StatsIngest.Domain;

namespace StatsIngest.Report;

/// <summary>
/// What a period's workbook is made from, as one key: the reported regions, the year (targets are judged against it),
/// the late files up to the period, and every observation up to it by series, period and vintage (a vintage fixes
/// the value, unit, status and provenance). With the setup (the build, the settings, config/: ReportService) two equal
/// keys give the same workbook: a refresh passes over an earlier period whose newest revision was made from its key.
/// </summary>
internal sealed class PeriodInputs
{
    private readonly ReportingPeriod[] _periods;
    private readonly int[] _counts;
    private readonly ulong[] _prefix;
    private readonly IReadOnlyList<OverdueFile> _overdue;
    private readonly string _context;

    public PeriodInputs(IEnumerable<ObservationVintage> observations, IReadOnlyList<OverdueFile> overdue, ReportScope scope, int year)
    {
        // By period: how many observations and the XOR of their hashes (the order within a period does not count);
        // then the running count and XOR up to each period.
        var byPeriod = new Dictionary<ReportingPeriod, (int Count, ulong Hash)>();
        var keys = new Dictionary<SeriesKey, ulong>(ReferenceEqualityComparer.Instance);
        (SeriesKey? Key, ulong Hash) series = (null, 0); // a series' observations come together: its key hashed once
        foreach (var o in observations)
        {
            if (!ReferenceEquals(o.Key, series.Key))
            {
                series = (o.Key, keys.GetOrAdd(o.Key, k => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(k.ToString().AsSpan()))));
            }

            ref var period = ref CollectionsMarshal.GetValueRefOrAddDefault(byPeriod, o.Period, out _);
            period = (period.Count + 1, period.Hash ^ Hash(o, series.Hash));
        }

        _periods = byPeriod.Keys.Order().ToArray();
        _counts = new int[_periods.Length + 1];
        _prefix = new ulong[_periods.Length + 1];
        for (var i = 0; i < _periods.Length; i++)
        {
            var (count, hash) = byPeriod[_periods[i]];
            _counts[i + 1] = _counts[i] + count;
            _prefix[i + 1] = _prefix[i] ^ hash;
        }

        _overdue = overdue;
        _context = string.Create(CultureInfo.InvariantCulture,
            $"{year}|{scope.FellBack}|{(scope.Regions is { } regions ? string.Join(',', regions.Order(StringComparer.Ordinal)) : "*")}");
    }

    /// <summary>The key of a period's workbook (a period code that is not a period gives the key of everything).</summary>
    public string For(string periodCode)
    {
        var upTo = _periods.Length;
        ReportingPeriod? period = ReportingPeriod.TryParseCode(periodCode, out var p) ? p : null;
        if (period is { } last)
        {
            upTo = UpperBound(last);
        }

        var late = string.Join(';', _overdue.Where(o => period is null || o.Period <= period.Value).Select(o => $"{o.Source} {o.Period.Code}"));
        return string.Create(CultureInfo.InvariantCulture, $"{_context}|{_counts[upTo]}|{_prefix[upTo]:x16}|{late}");
    }

    private int UpperBound(ReportingPeriod period)
    {
        int lo = 0, hi = _periods.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_periods[mid] <= period)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>An observation's series (its key text hashed), period and vintage.</summary>
    private static ulong Hash(ObservationVintage o, ulong series)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, series);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], o.Period.Year);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[12..], ((int)o.Period.Kind << 8) | o.Period.Number);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], o.VintageId);
        return XxHash64.HashToUInt64(bytes);
    }
}
