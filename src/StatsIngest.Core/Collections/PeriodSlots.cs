using StatsIngest.Domain;

namespace StatsIngest.Collections;

/// <summary>
/// Values by a series' region and basis and by period, for a pass over many rows: each region and basis holds one slot per
/// period a store can hold (<see cref="ReportingPeriod.Ordinal"/>), and its slots are looked up again only when a row's
/// region or basis is not the last row's (a read gives a series' rows together). A row costs an array's index, not the
/// hash of a key: a monthly file's drivers' plan passes over the 322k rows of the 10M store's region twice.
/// </summary>
public sealed class PeriodSlots<T>
{
    private readonly Dictionary<(string Region, Basis Basis), T?[]> _slots = [];
    private (string? Region, Basis Basis, T?[] Slots) _last = (null, default, []);

    /// <summary>The place of the value of a region, basis and period (a stored period's: of a plausible year).</summary>
    public ref T? Slot(string region, Basis basis, ReportingPeriod period)
    {
        if (!string.Equals(region, _last.Region, StringComparison.Ordinal) || basis != _last.Basis)
        {
            if (!_slots.TryGetValue((region, basis), out var slots))
            {
                _slots[(region, basis)] = slots = new T?[ReportingPeriod.OrdinalCount];
            }

            _last = (region, basis, slots);
        }

        return ref _last.Slots[period.Ordinal];
    }

    /// <summary>The value of a region, basis and period; the default value when there is none (nothing is added).</summary>
    public T? Get(string region, Basis basis, ReportingPeriod period) =>
        period.Ordinal is var at and >= 0 && _slots.TryGetValue((region, basis), out var slots) ? slots[at] : default;
}
