using System.Buffers.Binary;
using System.Text;

namespace StatsIngest.Read;

/// <summary>
/// Finds the cells of a legacy .xls (BIFF8, and BIFF5) that hold an Excel error value (#DIV/0!, #N/A …) — a constant
/// (BOOLERR record) or a formula's cached result (FORMULA record) — which ExcelDataReader gives as empty: the workbook
/// stream is taken out of its compound file ([MS-CFB]) and its records walked ([MS-XLS]), sheet by sheet. Anything this
/// walk does not understand (no compound file, an encrypted workbook, a damaged chain) finds no error cell: opening the
/// workbook stays ExcelDataReader's, whose refusal is the one reported.
/// </summary>
internal static class XlsInspection
{
    private const ushort Bof = 0x0809;
    private const ushort Eof = 0x000A;
    private const ushort FilePass = 0x002F;
    private const ushort CodePage = 0x0042;
    private const ushort BoundSheet = 0x0085;
    private const ushort BoolErr = 0x0205;
    private const ushort Formula = 0x0006;
    private const ushort Biff8 = 0x0600;

    /// <summary>The error values' texts by their BIFF codes ([MS-XLS] BErr).</summary>
    private static readonly Dictionary<byte, string> Errors = new()
    {
        [0x00] = "#NULL!", [0x07] = "#DIV/0!", [0x0F] = "#VALUE!", [0x17] = "#REF!", [0x1D] = "#NAME?", [0x24] = "#NUM!", [0x2A] = "#N/A", [0x2B] = "#GETTING_DATA",
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> Empty =
        new Dictionary<string, IReadOnlyList<(int Row, int Column, string Error)>>();

    /// <summary>Each worksheet's error cells (row and column from 1, the error's text), by sheet name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> ErrorCells(string path)
    {
        try
        {
            using var file = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var compound = CompoundFile.Open(file);
            var workbook = compound?.ReadStream("Workbook") ?? compound?.ReadStream("Book"); // BIFF8, BIFF5
            return workbook is null ? Empty : ScanWorkbook(workbook);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return Empty; // not understood here: ExcelDataReader says what is wrong with it
        }
    }

    /// <summary>
    /// Whether the file is a compound file holding an encrypted package ([MS-OFFCRYPTO]): what Office writes for an .xlsx
    /// with a password to open. A file this walk does not understand is not said to be one.
    /// </summary>
    public static bool IsEncryptedPackage(string path)
    {
        try
        {
            using var file = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return CompoundFile.Open(file)?.HasStream("EncryptedPackage") == true;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The workbook stream's records: the globals (sheets, code page), then each worksheet's cells.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> ScanWorkbook(byte[] stream)
    {
        var sheets = new List<(int Offset, string Name)>();
        var encoding = Encoding.Latin1;
        var version = (ushort)0;
        foreach (var (id, at, length) in Records(stream, 0))
        {
            if (id == Bof && version == 0)
            {
                version = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at, 2));
            }
            else if (id == FilePass)
            {
                return Empty; // encrypted: the records are not readable
            }
            else if (id == CodePage && length >= 2)
            {
                encoding = CodePageEncoding(BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at, 2)));
            }
            else if (id == BoundSheet && length >= 8 && stream[at + 5] == 0) // a worksheet (not a chart or a macro sheet)
            {
                sheets.Add(SheetEntry(stream, at, length, version == Biff8 ? null : encoding));
            }
            else if (id == Eof)
            {
                break;
            }
        }

        // Each sheet's records once, and no more bytes than the stream's twice in all (a BOUNDSHEET may point anywhere).
        var found = new Dictionary<string, IReadOnlyList<(int Row, int Column, string Error)>>(StringComparer.Ordinal);
        var budget = 2L * stream.Length;
        foreach (var (offset, name) in sheets.DistinctBy(s => s.Offset))
        {
            var errors = SheetErrors(stream, offset, ref budget);
            if (errors.Count > 0)
            {
                found[name] = errors;
            }
        }

        return found;
    }

    /// <summary>A BOUNDSHEET record: where the sheet's BOF is and its name (BIFF5: bytes of the workbook's code page, <paramref name="biff5"/>).</summary>
    private static (int Offset, string Name) SheetEntry(byte[] stream, int at, int length, Encoding? biff5)
    {
        var offset = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(stream.AsSpan(at, 4)));
        int count = stream[at + 6];
        if (biff5 is not null)
        {
            return (offset, biff5.GetString(stream, at + 7, Math.Min(count, length - 7)));
        }

        // ShortXLUnicodeString: the characters' count, a flag (bit 0: two bytes a character), the characters.
        var wide = (stream[at + 7] & 1) != 0;
        var raw = stream.AsSpan(at + 8, Math.Min(wide ? count * 2 : count, length - 8));
        return (offset, wide ? Encoding.Unicode.GetString(raw) : Encoding.Latin1.GetString(raw));
    }

    /// <summary>The error cells of the worksheet whose BOF is at <paramref name="offset"/>, up to its EOF (an embedded chart's records skipped).</summary>
    private static List<(int Row, int Column, string Error)> SheetErrors(byte[] stream, int offset, ref long budget)
    {
        var errors = new List<(int Row, int Column, string Error)>();
        var depth = 0;
        foreach (var (id, at, length) in Records(stream, offset))
        {
            budget -= 4 + length;
            if (budget < 0)
            {
                break;
            }

            if (id == Bof)
            {
                depth++;
            }
            else if (id == Eof && --depth <= 0)
            {
                break;
            }
            else if (depth == 1 && Error(stream, id, at, length) is { } error)
            {
                errors.Add((BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at, 2)) + 1, BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at + 2, 2)) + 1, error));
            }
        }

        return errors;
    }

    /// <summary>The error a cell record holds: a BOOLERR whose flag says error, or a FORMULA whose cached result is one.</summary>
    private static string? Error(byte[] stream, ushort id, int at, int length)
    {
        if (id == BoolErr && length >= 8 && stream[at + 7] == 1)
        {
            return Errors.GetValueOrDefault(stream[at + 6]);
        }

        // FormulaValue: bytes 6–7 0xFFFF mark a non-number, byte 0 its kind (2: an error, its code in byte 2).
        if (id == Formula && length >= 14 && stream[at + 12] == 0xFF && stream[at + 13] == 0xFF && stream[at + 6] == 2)
        {
            return Errors.GetValueOrDefault(stream[at + 8]);
        }

        return null;
    }

    /// <summary>The records from <paramref name="offset"/>: their id, where their data starts and its length.</summary>
    private static IEnumerable<(ushort Id, int At, int Length)> Records(byte[] stream, int offset)
    {
        var at = offset;
        while (at >= 0 && at + 4 <= stream.Length)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at, 2));
            int length = BinaryPrimitives.ReadUInt16LittleEndian(stream.AsSpan(at + 2, 2));
            if (at + 4 + length > stream.Length)
            {
                yield break;
            }

            yield return (id, at + 4, length);
            at += 4 + length;
        }
    }

    private static Encoding CodePageEncoding(ushort codePage)
    {
        try
        {
            return codePage is 1200 ? Encoding.Unicode : Encoding.GetEncoding(codePage == 0x8000 ? 10000 : codePage == 0x8001 ? 1252 : codePage);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return Encoding.Latin1;
        }
    }

    /// <summary>
    /// A compound file's streams ([MS-CFB]): its sector chains followed through the allocation table (FAT), a small
    /// stream's through the mini stream's. Every chain is bounded by the file's sectors: a loop is a damaged file.
    /// </summary>
    private sealed class CompoundFile
    {
        private const uint EndOfChain = 0xFFFFFFFE;
        private static readonly byte[] Signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

        private readonly Stream _file;
        private readonly int _sectorSize;
        private readonly uint[] _fat;
        private readonly long _sectors;
        private readonly byte[] _header = new byte[512];

        private CompoundFile(Stream file)
        {
            _file = file;
            file.Position = 0;
            file.ReadExactly(_header);
            _sectorSize = 1 << U16(_header, 0x1E);
            if (_sectorSize is not (512 or 4096))
            {
                throw new InvalidDataException("sector size");
            }

            if (U32(_header, 0x38) != 4096)
            {
                throw new InvalidDataException("mini stream cutoff"); // [MS-CFB]: always 4096
            }

            _sectors = (file.Length + _sectorSize - 1) / _sectorSize;
            _fat = ReadFat();
        }

        public static CompoundFile? Open(Stream file)
        {
            if (file.Length < 512)
            {
                return null;
            }

            var head = new byte[8];
            file.Position = 0;
            file.ReadExactly(head);
            return head.AsSpan().SequenceEqual(Signature) ? new CompoundFile(file) : null;
        }

        /// <summary>The stream of that name (anywhere in the directory), or null.</summary>
        public byte[]? ReadStream(string name)
        {
            var directory = ReadChain(U32(_header, 0x30), long.MaxValue);
            var at = Find(directory, name);
            if (at < 0)
            {
                return null;
            }

            var size = (long)U32(directory, at + 0x78); // the high half is 0 (or undefined in version 3)
            var start = U32(directory, at + 0x74);
            return size < 4096 ? ReadMini(directory, start, size) : ReadChain(start, size);
        }

        /// <summary>Whether the directory holds a stream of that name.</summary>
        public bool HasStream(string name) => Find(ReadChain(U32(_header, 0x30), long.MaxValue), name) >= 0;

        /// <summary>Where the directory entry of the stream of that name is, or −1.</summary>
        private static int Find(byte[] directory, string name)
        {
            for (var at = 0; at + 128 <= directory.Length; at += 128)
            {
                var nameBytes = Math.Clamp((int)U16(directory, at + 0x40), 2, 64) - 2; // with its terminating zero
                if (directory[at + 0x42] == 2 && Encoding.Unicode.GetString(directory, at, nameBytes).Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return at;
                }
            }

            return -1;
        }

        /// <summary>A stream under the cutoff lies in the mini stream (the root entry's chain), in 64-byte sectors.</summary>
        private byte[] ReadMini(byte[] directory, uint start, long size)
        {
            var miniStream = ReadChain(U32(directory, 0x74), U32(directory, 0x78));
            var miniFat = ReadChain(U32(_header, 0x3C), long.MaxValue);
            var miniSize = 1 << U16(_header, 0x20);
            if (size > miniStream.Length || miniSize != 64)
            {
                throw new InvalidDataException("mini stream");
            }

            var result = new byte[size];
            var sector = start;
            for (long done = 0, steps = 0; done < size; done += miniSize, steps++)
            {
                if (steps > miniFat.Length / 4 || ((long)sector + 1) * miniSize > miniStream.Length)
                {
                    throw new InvalidDataException("mini chain");
                }

                Array.Copy(miniStream, sector * miniSize, result, done, Math.Min(miniSize, size - done));
                sector = U32(miniFat, checked((int)sector * 4));
            }

            return result;
        }

        /// <summary>The bytes of a chain of sectors from <paramref name="start"/>, at most <paramref name="size"/> of them.</summary>
        private byte[] ReadChain(uint start, long size)
        {
            using var bytes = new MemoryStream();
            var buffer = new byte[_sectorSize];
            for (var (sector, steps) = (start, 0L); sector != EndOfChain && bytes.Length < size; sector = _fat[sector], steps++)
            {
                if (sector >= _fat.Length || steps > _sectors)
                {
                    throw new InvalidDataException("chain");
                }

                _file.Position = (sector + 1L) * _sectorSize;
                _file.ReadExactly(buffer);
                bytes.Write(buffer, 0, (int)Math.Min(_sectorSize, size - bytes.Length));
            }

            return bytes.ToArray();
        }

        /// <summary>The allocation table: its sectors listed in the header (109) and in the DIFAT sectors' chain.</summary>
        private uint[] ReadFat()
        {
            var fatSectors = new List<uint>();
            for (var i = 0; i < 109; i++)
            {
                fatSectors.Add(U32(_header, 0x4C + (i * 4)));
            }

            var buffer = new byte[_sectorSize];
            var difat = U32(_header, 0x44);
            for (var steps = 0L; difat < EndOfChain; steps++)
            {
                if (steps > _sectors)
                {
                    throw new InvalidDataException("DIFAT");
                }

                _file.Position = (difat + 1L) * _sectorSize;
                _file.ReadExactly(buffer);
                for (var i = 0; i < (_sectorSize / 4) - 1; i++)
                {
                    fatSectors.Add(U32(buffer, i * 4));
                }

                difat = U32(buffer, _sectorSize - 4);
            }

            var count = (int)Math.Min(U32(_header, 0x2C), _sectors);
            var fat = new uint[count * (_sectorSize / 4)];
            foreach (var (sector, i) in fatSectors.Where(s => s < EndOfChain).Take(count).Select((s, i) => (s, i)))
            {
                _file.Position = (sector + 1L) * _sectorSize;
                _file.ReadExactly(buffer);
                for (var j = 0; j < _sectorSize / 4; j++)
                {
                    fat[(i * (_sectorSize / 4)) + j] = U32(buffer, j * 4);
                }
            }

            return fat;
        }

        private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at, 2));

        private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at, 4));
    }
}
