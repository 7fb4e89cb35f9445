namespace StatsIngest.Collections;

/// <summary>A value made once per key and kept: what many rows repeat (a series' key text, a period's code) made once.</summary>
public static class Memo
{
    /// <summary>The value kept for <paramref name="key"/>, made by <paramref name="make"/> and kept the first time (nothing is kept when it throws).</summary>
    public static TValue GetOrAdd<TKey, TValue>(this Dictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> make)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var value))
        {
            cache[key] = value = make(key);
        }

        return value;
    }
}
