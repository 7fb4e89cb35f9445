using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>The vintages (files.id) a value was computed from: each once, in order — one home for the rule every computed value shares.</summary>
public static class InputVintages
{
    /// <summary>The distinct vintages of <paramref name="inputs"/>, ascending; a loop (a value has a few inputs, and a store tens of thousands of values).</summary>
    public static long[] Of(IReadOnlyList<Observation> inputs)
    {
        if (inputs.Count == 0)
        {
            return [];
        }

        var found = new long[inputs.Count];
        var count = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var vintage = inputs[i].VintageId;
            var at = Array.BinarySearch(found, 0, count, vintage);
            if (at >= 0)
            {
                continue;
            }

            at = ~at;
            Array.Copy(found, at, found, at + 1, count - at);
            found[at] = vintage;
            count++;
        }

        return count == found.Length ? found : found[..count];
    }
}
