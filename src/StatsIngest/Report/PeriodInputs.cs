using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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
    private readonly ulong[] _prefix;
    private readonly IReadOnlyList<OverdueFile> _overdue;
    private readonly string _context;

    public PeriodInputs(IReadOnlyList<Observation> observations, IReadOnlyList<OverdueFile> overdue, ReportScope scope, int year)
    {
        var sorted = observations.OrderBy(o => o.Period).ToArray();
        _periods = sorted.Select(o => o.Period).ToArray();
        _prefix = new ulong[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            _prefix[i + 1] = _prefix[i] ^ Hash(sorted[i]);
        }

        _overdue = overdue;
        _context = string.Create(CultureInfo.InvariantCulture,
            $"{year}|{scope.FellBack}|{(scope.Regions is { } regions ? string.Join(',', regions.Order(StringComparer.Ordinal)) : "*")}");
    }

    /// <summary>The key of a period's workbook (a period code that is not a period gives the key of everything).</summary>
    public string For(string periodCode)
    {
        var count = _periods.Length;
        ReportingPeriod? period = ReportingPeriod.TryParseCode(periodCode, out var p) ? p : null;
        if (period is { } upTo)
        {
            count = UpperBound(upTo);
        }

        var late = string.Join(';', _overdue.Where(o => period is null || o.Period <= period.Value).Select(o => $"{o.Source} {o.Period.Code}"));
        return string.Create(CultureInfo.InvariantCulture, $"{_context}|{count}|{_prefix[count]:x16}|{late}");
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

    private static ulong Hash(Observation o)
    {
        var hash = new XxHash64();
        hash.Append(MemoryMarshal.AsBytes(o.Key.ToString().AsSpan()));
        hash.Append([0, 0]);
        hash.Append(MemoryMarshal.AsBytes(o.Period.Code.AsSpan()));
        Span<byte> vintage = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(vintage, o.VintageId);
        hash.Append(vintage);
        return hash.GetCurrentHashAsUInt64();
    }
}
