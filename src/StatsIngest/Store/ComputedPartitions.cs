using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using StatsIngest.Domain;
using StatsIngest.Indicators;

namespace StatsIngest.Store;

/// <summary>
/// A computation split by year (the first four digits of the period; a period that names no year is its own part),
/// each part with an order-free digest of its values: identity, number, unit, note and inputs (series, period, vintage,
/// value). Equal digests mean an equal part, so <see cref="IndicatorStore.Save"/> reads back only the parts whose digest
/// changed.
/// </summary>
internal sealed class ComputedPartitions
{
    /// <summary>The records of one part, each with the hash of its inputs, and the part's digest.</summary>
    internal sealed class Part
    {
        public List<(IndicatorRecord Record, UInt128 Inputs)> Records { get; } = [];

        public UInt128 Sum { get; set; }

        public string Digest => Hex(Sum);
    }

    public SortedDictionary<string, Part> Parts { get; } = new(StringComparer.Ordinal);

    /// <summary>The digest of each group of drivers computed (<see cref="GroupKey"/>): a part of its year's digest.</summary>
    public Dictionary<string, UInt128> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>The block whose values are computed in groups, one per region, basis and period.</summary>
    public const string GroupedBlock = "drivers";

    /// <summary>The key of a group of drivers: region|basis|period (the basis as its code, M, YTD …).</summary>
    public static string GroupKey(string region, string basis, string period) => $"{region}|{basis}|{period}";

    /// <summary>The period of a group's key (its last field).</summary>
    public static string GroupPeriod(string key) => key[(key.LastIndexOf('|') + 1)..];

    public static UInt128 Parse(string hex) => BinaryPrimitives.ReadUInt128BigEndian(Convert.FromHexString(hex));

    /// <summary>A hash as hex, most significant byte first (as <see cref="XxHash128.GetCurrentHash()"/> writes it).</summary>
    public static string Hex(UInt128 hash)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsYear(string part) => part.Length == 4 && part.All(char.IsAsciiDigit);

    /// <summary>The part a period belongs to: its year, or the period itself when it does not start with one.</summary>
    public static string PartOf(string period) =>
        period.Length >= 4 && IsYear(period[..4]) ? period[..4] : period;

    public static ComputedPartitions Of(IEnumerable<IndicatorRecord> records)
    {
        var result = new ComputedPartitions();
        var hash = new XxHash128();
        // The values of one computation share their inputs' list (a driver's weight, contribution and pull): hashed once.
        var hashed = new Dictionary<IReadOnlyList<Observation>, UInt128>(ReferenceEqualityComparer.Instance);
        var bytes = new Dictionary<Observation, byte[]>(ReferenceEqualityComparer.Instance);
        foreach (var rec in records)
        {
            var key = PartOf(rec.Period);
            if (!result.Parts.TryGetValue(key, out var part))
            {
                result.Parts[key] = part = new Part();
            }

            if (!hashed.TryGetValue(rec.Inputs, out var inputs))
            {
                hashed[rec.Inputs] = inputs = InputsHash(hash, rec.Inputs, bytes);
            }

            part.Records.Add((rec, inputs));
            // A sum, not a chain: the digest does not depend on the order the values were computed in.
            var one = RecordHash(hash, rec, inputs);
            part.Sum += one;
            if (rec.Block == GroupedBlock)
            {
                var group = GroupKey(rec.Region, rec.Basis, rec.Period);
                result.Groups[group] = result.Groups.GetValueOrDefault(group) + one;
            }
        }

        return result;
    }

    /// <summary>
    /// A 128-bit hash of the inputs as stored in <c>indicator_values.inputs_hash</c>: each input's series key as text
    /// (indicator.region.industry.basis.measure), its period, vintage and value, in their order.
    /// </summary>
    private static UInt128 InputsHash(XxHash128 hash, IReadOnlyList<Observation> inputs, Dictionary<Observation, byte[]> bytes)
    {
        hash.Reset();
        foreach (var i in inputs)
        {
            if (!bytes.TryGetValue(i, out var b))
            {
                bytes[i] = b = InputBytes(i);
            }

            // A streaming hash: the bytes of each input appended in turn hash as their concatenation.
            hash.Append(b);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>What an input adds to its value's inputs hash: made once per observation, which many values share.</summary>
    private static byte[] InputBytes(Observation i)
    {
        var text = $"{i.Key}\0{i.Period.Code}\0";
        var bytes = new byte[(text.Length * 2) + 16];
        MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(text.Length * 2), i.VintageId);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan((text.Length * 2) + 8), i.Value ?? double.NaN);
        return bytes;
    }

    private static UInt128 RecordHash(XxHash128 hash, IndicatorRecord rec, UInt128 inputs)
    {
        hash.Reset();
        foreach (var text in (ReadOnlySpan<string?>)[rec.Block, rec.Indicator, rec.Region, rec.Subject, rec.Period, rec.Basis, rec.Unit, rec.Note])
        {
            // A null note and an empty one differ; the separator keeps "ab|c" from "a|bc".
            hash.Append(MemoryMarshal.AsBytes((text ?? "\0null").AsSpan()));
            hash.Append(MemoryMarshal.AsBytes("\0".AsSpan()));
        }

        Span<byte> number = stackalloc byte[9];
        number[0] = rec.Value is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteDoubleLittleEndian(number[1..], rec.Value ?? 0);
        hash.Append(number);
        Span<byte> inputBytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(inputBytes, inputs);
        hash.Append(inputBytes);
        return hash.GetCurrentHashAsUInt128();
    }
}
