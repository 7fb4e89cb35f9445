using System.Text;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// The inspection of an .xlsx scans its sheets as bytes: what an XML reader would see must be what it sees — prefixed
/// names, either quote, a '&gt;' inside a value, comments, CDATA, entities, UTF-16 parts, tags cut between two reads.
/// </summary>
public class XlsxInspectionTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static string Sheet(string rows) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{Main}"><x:sheetData>{rows}</x:sheetData></x:worksheet>""";

    [Fact]
    public void A_prefixed_sheet_with_either_quote_a_comment_and_cdata_is_seen_as_an_xml_reader_sees_it()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("prefixed.xlsx");
        var rows =
            """<x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t><![CDATA[合计 <b>]]></x:t></x:is></x:c>""" +
            """<x:c r="B1" t = 'e' ><x:v>#N/A</x:v></x:c></x:row>""" +
            """<!-- <x:c r="AAAAAAAAAAAA1" t="e"><x:v>#REF!</x:v></x:c> -->""" +
            """<x:row r="2"><x:c r="A2" x:foo="a>b" t="inlineStr"><x:is><x:t>工业 &amp; 信息化</x:t></x:is></x:c><x:c r="C2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row>""";
        HostileFiles.Xlsx(path, string.Empty, wholeSheet: Sheet(rows));

        var errors = XlsxInspection.Check(path, ReadLimits.Default);
        var grid = GridReader.Read(path);

        Assert.Equal([(1, 2, "#N/A"), (2, 3, "#DIV/0!")], errors["表1"]);
        Assert.Equal("合计 <b>", grid.Sheets[0].Cell(1, 1)!.Text);
        Assert.Equal("工业 & 信息化", grid.Sheets[0].Cell(2, 1)!.Text);
    }

    [Fact]
    public void A_bad_reference_in_a_prefixed_or_utf16_sheet_is_refused()
    {
        using var tmp = new TempFolder();
        var prefixed = tmp.File("prefixed.xlsx");
        HostileFiles.Xlsx(prefixed, string.Empty, wholeSheet: Sheet("""<x:row r="1"><x:c r="AAAAAAAAAAAA1"><x:v>1</x:v></x:c></x:row>"""));
        var wide = tmp.File("utf16.xlsx");
        HostileFiles.Xlsx(wide, """<row r="1"><c r="XFE1"><v>1</v></c></row>""", sheetEncoding: Encoding.Unicode);

        Assert.Contains("a cell reference 'AAAAAAAAAAAA1' beyond Excel's last column XFD",
            Assert.Throws<GridReadException>(() => XlsxInspection.Check(prefixed, ReadLimits.Default)).Message, StringComparison.Ordinal);
        Assert.Contains("a cell reference 'XFE1' beyond Excel's last column XFD",
            Assert.Throws<GridReadException>(() => XlsxInspection.Check(wide, ReadLimits.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_are_counted_exactly_across_many_reads_and_the_last_cells_error_is_kept()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("many.xlsx");
        // 30,000 cells: about 1 MB of XML, read in many pieces, tags cut at the pieces' ends.
        var rows = new StringBuilder();
        for (var r = 1; r <= 10_000; r++)
        {
            rows.Append(CultureInfo($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>第{r}行</t></is></c><c r="B{r}"><v>{r}.5</v></c>"""));
            rows.Append(r == 10_000 ? """<c r="C10000" t="e"><v>#VALUE!</v></c></row>""" : $"""<c r="C{r}"><v>{r}</v></c></row>""");
        }

        HostileFiles.Xlsx(path, rows.ToString());

        Assert.Equal([(10_000, 3, "#VALUE!")], XlsxInspection.Check(path, new ReadLimits { MaxCellsPerSheet = 30_000 })["表1"]);
        Assert.Contains("more than 29999 cells (Limits:MaxCellsPerSheet)",
            Assert.Throws<GridReadException>(() => XlsxInspection.Check(path, new ReadLimits { MaxCellsPerSheet = 29_999 })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&amp;", 32_767, false)]
    [InlineData("&#x4E2D;", 32_768, true)]
    [InlineData("长", 32_767, false)]
    [InlineData("😀", 16_384, true)]
    public void A_cells_length_is_counted_in_characters_as_read_an_entity_as_one(string unit, int count, bool refused)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("long.xlsx");
        HostileFiles.Xlsx(path, $"""<row r="1"><c r="A1" t="inlineStr"><is><t>{string.Concat(Enumerable.Repeat(unit, count))}</t></is></c></row>""");

        var check = () => XlsxInspection.Check(path, ReadLimits.Default);

        if (refused)
        {
            Assert.Contains("a cell of more than 32767 characters", Assert.Throws<GridReadException>(check).Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(check());
        }
    }

    [Fact]
    public void A_long_cell_in_cdata_is_refused()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("cdata.xlsx");
        HostileFiles.Xlsx(path, $"""<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[{new string('9', 40_000)}]]></t></is></c></row>""");

        Assert.Contains("a cell of more than 32767 characters",
            Assert.Throws<GridReadException>(() => XlsxInspection.Check(path, ReadLimits.Default)).Message, StringComparison.Ordinal);
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}
