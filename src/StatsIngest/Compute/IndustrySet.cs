namespace StatsIngest.Compute;

/// <summary>
/// A set of industries by their numbers (given in the order met, <see cref="IndicatorCalculator.DriverGroups"/>): one bit
/// each. Two sets of the same industries are equal (the months mostly hold the same ones: a set's candidates are found once).
/// </summary>
internal sealed class IndustrySet : IEquatable<IndustrySet>
{
    private ulong[] _bits = new ulong[2];

    public void Add(int industry)
    {
        var word = industry >> 6;
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }

        _bits[word] |= 1UL << (industry & 63);
    }

    public bool Contains(int industry) => (industry >> 6) < _bits.Length && (_bits[industry >> 6] & (1UL << (industry & 63))) != 0;

    public bool Equals(IndustrySet? other)
    {
        if (other is null)
        {
            return false;
        }

        for (var i = 0; i < Math.Max(_bits.Length, other._bits.Length); i++)
        {
            if (Word(i) != other.Word(i))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as IndustrySet);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        var last = _bits.Length;
        while (last > 0 && _bits[last - 1] == 0)
        {
            last--; // the words past the last industry present: none of the hash, as of equality
        }

        for (var i = 0; i < last; i++)
        {
            hash.Add(_bits[i]);
        }

        return hash.ToHashCode();
    }

    private ulong Word(int i) => i < _bits.Length ? _bits[i] : 0;
}
