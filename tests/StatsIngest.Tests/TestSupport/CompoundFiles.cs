using System.Buffers.Binary;
using System.Text;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// Writes a compound file ([MS-CFB], version 3, 512-byte sectors) holding the given streams, each padded to the mini
/// stream's cutoff (4096 bytes) so that all lie in regular sectors: sector 0 the allocation table, sector 1 the directory.
/// For files Office writes in that container (an encrypted .xlsx) that no tool here writes.
/// </summary>
internal static class CompoundFiles
{
    private const int Sector = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint Free = 0xFFFFFFFF;

    public static void Write(string path, params (string Name, byte[] Data)[] streams)
    {
        if (streams.Length > 3)
        {
            throw new ArgumentException("One directory sector holds the root and three streams.", nameof(streams));
        }

        var padded = streams.Select(s => (s.Name, Data: s.Data.Concat(new byte[Math.Max(0, 4096 - s.Data.Length)]).ToArray(), s.Data.Length)).ToArray();
        var fat = Enumerable.Repeat(Free, Sector / 4).ToArray();
        fat[0] = 0xFFFFFFFD; // the allocation table's own sector
        fat[1] = EndOfChain; // the directory
        var next = 2u;
        var starts = new List<uint>();
        foreach (var (_, data, _) in padded)
        {
            var count = (uint)((data.Length + Sector - 1) / Sector);
            starts.Add(next);
            for (var i = 0u; i < count; i++)
            {
                fat[next + i] = i + 1 < count ? next + i + 1 : EndOfChain;
            }

            next += count;
        }

        var directory = new byte[Sector];
        Entry(directory, 0, "Root Entry", type: 5, child: streams.Length > 0 ? 1u : Free, right: Free, EndOfChain, 0);
        for (var i = 0; i < padded.Length; i++)
        {
            Entry(directory, i + 1, padded[i].Name, type: 2, child: Free, right: i + 1 < padded.Length ? (uint)(i + 2) : Free, starts[i], padded[i].Data.Length);
        }

        using var file = File.Create(path);
        file.Write(Header());
        file.Write(Bytes(fat));
        file.Write(directory);
        foreach (var (_, data, _) in padded)
        {
            file.Write(data);
            file.Write(new byte[(Sector - (data.Length % Sector)) % Sector]);
        }
    }

    /// <summary>The header of a version 3 compound file: 512-byte sectors, the allocation table in sector 0, the directory in sector 1.</summary>
    public static byte[] Header()
    {
        var header = new byte[Sector];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x18), 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1A), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1C), 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x1E), 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x20), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x2C), 1); // one allocation table sector
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x30), 1); // the directory in sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x38), 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x3C), EndOfChain); // no mini stream
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x44), EndOfChain); // no DIFAT sector
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0x4C + (i * 4)), i == 0 ? 0u : Free);
        }

        return header;
    }

    private static void Entry(byte[] directory, int index, string name, byte type, uint child, uint right, uint start, long size)
    {
        var at = index * 128;
        var bytes = Encoding.Unicode.GetBytes(name);
        bytes.CopyTo(directory, at);
        BinaryPrimitives.WriteUInt16LittleEndian(directory.AsSpan(at + 0x40), (ushort)(bytes.Length + 2));
        directory[at + 0x42] = type;
        directory[at + 0x43] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan(at + 0x44), Free);
        BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan(at + 0x48), right);
        BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan(at + 0x4C), child);
        BinaryPrimitives.WriteUInt32LittleEndian(directory.AsSpan(at + 0x74), start);
        BinaryPrimitives.WriteInt64LittleEndian(directory.AsSpan(at + 0x78), size);
    }

    private static byte[] Bytes(uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
