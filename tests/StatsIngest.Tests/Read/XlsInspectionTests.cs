using System.Buffers.Binary;
using System.Text;
using StatsIngest.Cli;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// The error values of a legacy .xls (#DIV/0!, #N/A …), which ExcelDataReader gives as empty cells, are found in the
/// workbook's records and warned about at their cells, as those of an .xlsx are. The two fixtures were saved by
/// LibreOffice from formulas (=1/0, =NA()): one small enough to lie in the compound file's mini stream, one in its sectors.
/// </summary>
public class XlsInspectionTests
{
    [Fact]
    public void Error_values_of_a_small_xls_are_warned_about_at_their_cells_and_read_as_missing()
    {
        var path = Fixtures.Path("errors_legacy.xls");

        var errors = XlsInspection.ErrorCells(path);
        var (code, output) = ReadWarningTests.Validate(path);

        Assert.Equal([(2, 7, "#DIV/0!"), (3, 7, "#N/A")], errors["表1"]);
        Assert.Equal([(1, 2, "#DIV/0!")], errors["说明"]);
        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("warning: sheet '表1', row 2, column G (cell G2): This cell holds the Excel error value #DIV/0!", output, StringComparison.Ordinal);
        Assert.Contains("warning: sheet '表1', row 3, column G (cell G3): This cell holds the Excel error value #N/A", output, StringComparison.Ordinal);
        Assert.Matches(@"GDP\.全国\._T\.A\.L\s+2021\s+\(missing\)", output);
        Assert.Matches(@"IVA_ABOVE\.全国\._T\.A\.YOY\s+2021\s+9\.6 ", output);
    }

    [Fact]
    public void An_error_at_the_end_of_a_large_xls_is_found_through_the_allocation_table()
    {
        var path = Fixtures.Path("gdp_errors_legacy.xls");

        var errors = XlsInspection.ErrorCells(path);
        var (code, output) = ReadWarningTests.Validate(path);

        Assert.True(new FileInfo(path).Length > 8 * 4096, "the workbook stream (55 KB) is far over the mini stream's 4 KB: it lies in regular sectors");
        Assert.Equal([(401, 7, "#DIV/0!")], errors["地区生产总值"]);
        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("warning: sheet '地区生产总值', row 401, column G (cell G401): This cell holds the Excel error value #DIV/0!", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_errors_count_and_booleans_numbers_and_an_embedded_charts_records_do_not()
    {
        var globals = Record(0x0809, U16(0x0600), new byte[14]) // BOF, BIFF8
            .Concat(Record(0x0085, new byte[4], [0, 0], [2, 0], Encoding.Latin1.GetBytes("T1"))) // BOUNDSHEET, offset set below
            .Concat(Record(0x000A)).ToArray();
        var sheet = Record(0x0809, U16(0x0600), new byte[14])
            .Concat(Record(0x0205, U16(1), U16(6), U16(15), [0x2A, 1])) // BOOLERR: #N/A at G2
            .Concat(Record(0x0205, U16(2), U16(6), U16(15), [1, 0])) // BOOLERR: TRUE
            .Concat(Record(0x0006, U16(3), U16(6), U16(15), BitConverter.GetBytes(5.8), new byte[6])) // FORMULA: 5.8
            .Concat(Record(0x0809, U16(0x0600), new byte[14])) // an embedded chart's substream
            .Concat(Record(0x0006, U16(4), U16(6), U16(15), [2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF], new byte[6]))
            .Concat(Record(0x000A))
            .Concat(Record(0x0006, U16(5), U16(1), U16(15), [2, 0, 0x17, 0, 0, 0, 0xFF, 0xFF], new byte[6])) // FORMULA: #REF! at B6
            .Concat(Record(0x000A)).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(globals.AsSpan(20 + 4), (uint)globals.Length); // after BOF's 20 bytes and BOUNDSHEET's header

        var errors = XlsInspection.ScanWorkbook([.. globals, .. sheet]);

        Assert.Equal([(2, 7, "#N/A"), (6, 2, "#REF!")], errors["T1"]);
    }

    [Fact]
    public void A_damaged_or_encrypted_xls_finds_no_error_cell_and_what_is_wrong_stays_the_readers_to_say()
    {
        using var tmp = new TempFolder();
        // A compound file whose directory's chain loops on itself (sector 1 → 1).
        var looping = new byte[512 * 3];
        CompoundFiles.Header().CopyTo(looping, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(looping.AsSpan(512 + 4), 1); // FAT[1] = 1
        var path = tmp.File("looping.xls");
        File.WriteAllBytes(path, looping);
        var encrypted = Record(0x0809, U16(0x0600), new byte[14]).Concat(Record(0x002F, new byte[6]))
            .Concat(Record(0x0085, new byte[4], [0, 0], [2, 0], Encoding.Latin1.GetBytes("T1"))).Concat(Record(0x000A)).ToArray();

        Assert.Empty(XlsInspection.ErrorCells(path));
        Assert.Empty(XlsInspection.ScanWorkbook(encrypted));
        var (code, output) = ReadWarningTests.Validate(path);
        Assert.NotEqual(StatsIngestCli.Ok, code);
        Assert.Contains("could not be opened as one", output, StringComparison.Ordinal);
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] Record(ushort id, params byte[][] parts)
    {
        var data = parts.SelectMany(p => p).ToArray();
        return [.. U16(id), .. U16(data.Length), .. data];
    }
}
