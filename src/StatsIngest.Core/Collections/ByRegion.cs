using System.Runtime.InteropServices;

namespace StatsIngest.Collections;

/// <summary>
/// Values by a region's name and a key, for a pass over many rows: the region's own dictionary is looked up again only
/// when a row's region is another string than the last row's (a read shares one string per region and gives a series'
/// rows together), so a row hashes its key, not the region's name.
/// </summary>
public sealed class ByRegion<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<string, Dictionary<TKey, TValue>> _regions = new(StringComparer.Ordinal);
    private string? _lastRegion;
    private Dictionary<TKey, TValue> _last = [];

    /// <summary>The place of the value of a region and key, added with the default value when there is none yet.</summary>
    public ref TValue? Slot(string region, TKey key) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(Region(region), key, out _);

    /// <summary>The value of a region and key; the default value when there is none (nothing is added).</summary>
    public TValue? Get(string region, TKey key) =>
        _regions.TryGetValue(region, out var values) ? values.GetValueOrDefault(key) : default;

    private Dictionary<TKey, TValue> Region(string region)
    {
        if (!ReferenceEquals(region, _lastRegion))
        {
            if (!_regions.TryGetValue(region, out var values))
            {
                _regions[region] = values = [];
            }

            _last = values;
            _lastRegion = region;
        }

        return _last;
    }
}
