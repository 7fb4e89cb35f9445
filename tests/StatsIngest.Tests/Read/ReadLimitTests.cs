using System.Text;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>Hostile workbooks and CSVs are refused with a message that names the limit and its setting, before they cost memory or time.</summary>
public class ReadLimitTests
{
    private static GridReadException Refused(string path, ReadLimits? limits = null) =>
        Assert.Throws<GridReadException>(() => GridReader.Read(path, limits: limits));

    [Fact]
    public void A_valid_hand_made_workbook_reads()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("ok.xlsx");
        HostileFiles.Xlsx(path, HostileFiles.ValidTable());

        var grid = GridReader.Read(path);

        Assert.Equal("合计", grid.Sheets[0].Cell(3, 1)!.Text);
        Assert.Equal("5.8", grid.Sheets[0].Cell(3, 2)!.Text);
    }

    [Fact]
    public void A_cell_reference_beyond_Excels_last_column_is_refused_before_the_reader_allocates()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("huge-ref.xlsx");
        HostileFiles.Xlsx(path, $"""<row r="1">{HostileFiles.Text("AAAAAAAAAAAA1", "x")}</row>""");

        var ex = Refused(path);

        Assert.Contains("a cell reference 'AAAAAAAAAAAA1' beyond Excel's last column XFD", ex.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length < 3000);
    }

    [Theory]
    [InlineData(2_000_000, "a row number '2000000' beyond 1048576 (Limits:MaxRows)")]
    [InlineData(0, "a row number '0' beyond 1048576 (Limits:MaxRows)")]
    public void A_row_number_outside_the_grid_is_refused(int row, string expected)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("rows.xlsx");
        HostileFiles.Xlsx(path, $"""<row r="{row}">{HostileFiles.Text("A" + row, "x")}</row>""");

        Assert.Contains(expected, Refused(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_stops_at_the_decompressed_part_limit()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("bomb.xlsx");
        HostileFiles.ZipBomb(path, megabytes: 40);

        var ex = Refused(path, new ReadLimits { MaxXmlPartMegabytes = 5 });

        Assert.Contains("decompresses to more than 5 MB (Limits:MaxXmlPartMegabytes)", ex.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length < 1_000_000, "the bomb is small on disk");
    }

    [Theory]
    [InlineData(HostileFiles.BillionLaughs)]
    [InlineData(HostileFiles.ExternalEntity)]
    public void A_sheet_with_a_DTD_is_refused_and_no_entity_is_expanded(string sheet)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("dtd.xlsx");
        HostileFiles.Xlsx(path, string.Empty, wholeSheet: sheet);

        var ex = Refused(path);

        Assert.Contains("declares a DTD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText("/etc/hostname").Trim(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_longer_than_the_limit_is_refused_in_a_workbook_and_in_a_csv()
    {
        using var tmp = new TempFolder();
        var xlsx = tmp.File("long.xlsx");
        HostileFiles.Xlsx(xlsx, $"""<row r="1">{HostileFiles.Text("A1", new string('长', 40_000))}</row>""");
        var csv = tmp.File("long.csv");
        File.WriteAllText(csv, "期间,数值\n2022," + new string('9', 40_000) + "\n", new UTF8Encoding(true));

        Assert.Contains("a cell of more than 32767 characters (Limits:MaxCellCharacters)", Refused(xlsx).Message, StringComparison.Ordinal);
        Assert.Contains("a cell of 40000 characters, more than 32767 (Limits:MaxCellCharacters), at cell B2", Refused(csv).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_cells_and_file_size_past_their_limits_are_refused_naming_the_setting()
    {
        using var tmp = new TempFolder();
        var csv = tmp.File("many.csv");
        File.WriteAllText(csv, string.Concat(Enumerable.Range(1, 50).Select(i => $"a{i},{i},{i}\n")));

        Assert.Contains("more than 10 rows (Limits:MaxRows), at row 11", Refused(csv, new ReadLimits { MaxRows = 10 }).Message, StringComparison.Ordinal);
        Assert.Contains("more than 20 cells (Limits:MaxCellsPerSheet), at cell C7", Refused(csv, new ReadLimits { MaxCellsPerSheet = 20 }).Message, StringComparison.Ordinal);
        Assert.Contains("(Limits:MaxFileMegabytes); it was not read", Refused(csv, new ReadLimits { MaxFileMegabytes = 0.0001 }).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A few cells scattered over more positions than Limits:MaxCellsPerSheet (under one in a hundred filled) are
    /// refused, naming the range: a published table is looked through position by position, and the hostile corpus's
    /// web page of 3,000 cells on a diagonal (each spanning the rows below) took half a minute to be found unreadable.
    /// </summary>
    [Fact]
    public void Cells_scattered_over_more_positions_than_the_cell_limit_are_refused_naming_the_range()
    {
        using var tmp = new TempFolder();
        var diagonal = tmp.File("diagonal.csv");
        File.WriteAllText(diagonal, string.Concat(Enumerable.Range(1, 200).Select(i => new string(',', i - 1) + "x\n")));
        var spaced = tmp.File("spaced.csv");
        File.WriteAllText(spaced, string.Concat(Enumerable.Range(1, 200).Select(_ => string.Join(",", Enumerable.Range(1, 200).Select(c => c % 50 == 0 ? "1" : string.Empty)) + "\n")));
        var page = tmp.File("web_spans.xls");
        File.WriteAllText(page, HostileCorpus.HugeSpansPage);

        Assert.Contains("has 200 cells scattered over A1:GR200 (40000 positions, more than Limits:MaxCellsPerSheet, 10000,", Refused(diagonal, new ReadLimits { MaxCellsPerSheet = 10_000 }).Message, StringComparison.Ordinal);
        Assert.Equal(200, GridReader.Read(diagonal, limits: new ReadLimits { MaxCellsPerSheet = 40_000 }).Sheets[0].Rows.Count);
        Assert.Equal(800, GridReader.Read(spaced, limits: new ReadLimits { MaxCellsPerSheet = 10_000 }).Sheets[0].Rows.Sum(r => r.Count)); // 2% filled
        Assert.Contains("has 6000 cells scattered over A1:DKK3000", Refused(page).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_workbook_is_refused_as_not_readable()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("cut.xlsx");
        HostileFiles.Xlsx(path, HostileFiles.ValidTable());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.StartsWith("Expected an Excel workbook", Refused(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_whose_zip_directory_is_damaged_past_its_opening_is_refused_as_damaged()
    {
        using var tmp = new TempFolder();
        var corpus = HostileCorpus.Write(tmp.File("corpus"), tmp.File("secret.txt"));
        Assert.Equal("bit-flipped workbook", corpus.Files["flipped_20.xlsx"]); // the one the hostile corpus found: its directory fails when listed

        var refused = Refused(tmp.File("corpus/flipped_20.xlsx"));

        Assert.StartsWith("Expected an Excel workbook (.xlsx: a zip package), but the zip package is damaged", refused.Message, StringComparison.Ordinal);
    }
}
