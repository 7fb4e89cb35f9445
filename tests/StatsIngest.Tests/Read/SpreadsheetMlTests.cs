using System.Globalization;
using System.Security;
using System.Text;
using StatsIngest.Cli;
using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>An Excel 2003 XML spreadsheet (SpreadsheetML) exported under an ".xls" name is read as Excel opens it.</summary>
public class SpreadsheetMlTests
{
    [Theory]
    [InlineData("layouts/nbs_monthly_2023-12.xlsx")]
    [InlineData("layouts/province_industry_2022-06.xlsx")]
    [InlineData("layouts/yearbook_gdp_2019-2022.xlsx")]
    public void A_published_table_exported_as_excel_2003_xml_gives_the_observations_of_its_workbook_at_the_same_cells(string fixture)
    {
        using var tmp = new TempFolder();
        var workbook = Fixtures.Path(fixture);
        var sheet = ExcelGridReader.Read(workbook).Sheets.Single();
        var exported = tmp.File("报表.xls");
        File.WriteAllText(exported, SpreadsheetMl(sheet), Encoding.UTF8);

        var (expectedCode, expected) = ReadWarningTests.Validate(workbook);
        var (code, output) = ReadWarningTests.Validate(exported);

        Assert.Equal(StatsIngestCli.Ok, expectedCode);
        Assert.True(code == StatsIngestCli.Ok, output);
        Assert.NotEmpty(ReadWarningTests.Observations(expected));
        Assert.Equal(ReadWarningTests.Observations(expected), ReadWarningTests.Observations(output));
        Assert.Contains("This file is an Excel 2003 XML spreadsheet (SpreadsheetML)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rich_text_skipped_rows_and_cells_and_two_sheets_are_placed_as_excel_places_them()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("两表.xls");
        File.WriteAllText(path, """
            <?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
             <Worksheet ss:Name="表一"><Table>
              <Row><Cell ss:MergeAcross="2"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>2021年</B> 地区生产总值</ss:Data></Cell></Row>
              <Row ss:Index="3"><Cell ss:Index="2"><Data ss:Type="Number">1149237</Data></Cell><Cell ss:Formula="=B3/2"><Data ss:Type="Number">574618.5</Data></Cell></Row>
              <Row><Cell><Data ss:Type="DateTime">2023-12-01T00:00:00.000</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Number">1.5E-2</Data></Cell><Cell><Data ss:Type="Error">#N/A</Data></Cell></Row>
             </Table></Worksheet>
             <Worksheet ss:Name="表二"><Table><Row><Cell Index="2"><Data Type="String">第二张</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """);

        var grid = GridReader.Read(path);

        Assert.Equal(["表一", "表二"], grid.Sheets.Select(s => s.Name));
        var cells = grid.Sheets[0].Rows.SelectMany(r => r).ToDictionary(c => c.Reference);
        Assert.Equal("2021年 地区生产总值", cells["A1"].Text);
        Assert.Equal(("1149237", 1149237d), (cells["B3"].Text, cells["B3"].Value));
        Assert.Equal("574618.5", cells["C3"].Text);
        Assert.Equal(("2023-12-01", new DateTime(2023, 12, 1)), (cells["A4"].Text, cells["A4"].Value)); // as a workbook's date reads
        Assert.Equal(("TRUE", "0.015", "#N/A"), (cells["B4"].Text, cells["C4"].Text, cells["D4"].Text));
        Assert.Equal(4, grid.Sheets[0].Rows.Count);
        Assert.Equal([new MergedRange(1, 1, 1, 3)], grid.Sheets[0].Merges);
        Assert.Equal("B1", grid.Sheets[1].Rows.Single().Single().Reference); // its attributes without the prefix, as some writers put them
    }

    [Fact]
    public void A_number_styled_as_a_percent_or_in_thousands_and_a_date_styled_as_a_month_are_read_as_shown()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("增速.xls");
        File.WriteAllText(path, """
            <?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <Styles><Style ss:ID="Default"><Alignment ss:Vertical="Bottom"/></Style><Style ss:ID="p"><NumberFormat ss:Format="Percent"/></Style>
              <Style ss:ID="p1"><NumberFormat ss:Format="0.0%;[Red]\-0.0%"/></Style><Style ss:ID="lit"><NumberFormat ss:Format="0.0\%"/></Style>
              <Style ss:ID="k"><NumberFormat ss:Format="#,##0,"/></Style><Style ss:ID="ym"><NumberFormat ss:Format="yyyy&quot;年&quot;m&quot;月&quot;"/></Style>
              <Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>
             <Worksheet ss:Name="增速"><Table>
              <Row><Cell ss:StyleID="p"><Data ss:Type="Number">0.058</Data></Cell><Cell ss:StyleID="p1"><Data ss:Type="Number">-0.021</Data></Cell>
               <Cell ss:StyleID="lit"><Data ss:Type="Number">5.8</Data></Cell><Cell ss:StyleID="Default"><Data ss:Type="Number">4.4</Data></Cell><Cell><Data ss:Type="Number">0.5</Data></Cell>
               <Cell ss:StyleID="k"><Data ss:Type="Number">1204724000</Data></Cell><Cell ss:StyleID="ym"><Data ss:Type="DateTime">2023-03-01T00:00:00.000</Data></Cell>
               <Cell ss:StyleID="d"><Data ss:Type="DateTime">2023-06-30T00:00:00.000</Data></Cell></Row>
             </Table></Worksheet>
            </Workbook>
            """);

        var cells = GridReader.Read(path).Sheets.Single().Rows.Single();

        Assert.Equal(["5.80%", "-2.1%", "5.8", "4.4", "0.5", "1204724", "2023-03", "2023-06-30"], cells.Select(c => c.Text));
        Assert.Equal(0.058, cells[0].Value); // the value as written, the text as shown
    }

    [Theory]
    [InlineData("""<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>""", "not well-formed XML")]
    [InlineData("""<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row ss:Index="5"/><Row ss:Index="2"/></Table></Worksheet></Workbook>""", "places a row or cell at '2' near row 6")]
    [InlineData("""<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell ss:Index="99999"><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>""", "past Excel's grid")]
    public void A_dtd_a_row_placed_backwards_or_a_cell_off_the_grid_is_refused(string content, string said)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("坏.xls");
        File.WriteAllText(path, content);

        var (code, output) = ReadWarningTests.Validate(path);

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains(said, output, StringComparison.Ordinal);
    }

    /// <summary>A sheet as Excel 2003 saves it: rows and cells skipped by ss:Index, merged ranges by MergeAcross and MergeDown, numbers typed.</summary>
    private static string SpreadsheetMl(RawSheet sheet)
    {
        var xml = new StringBuilder("""<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>""")
            .Append($"""<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="{SecurityElement.Escape(sheet.Name)}"><Table>""");
        var rowNumber = 0;
        foreach (var row in sheet.Rows.Where(r => r.Count > 0))
        {
            var at = row[0].Row;
            xml.Append(at == rowNumber + 1 ? "<Row>" : $"<Row ss:Index=\"{at}\">");
            rowNumber = at;
            var column = 0;
            foreach (var cell in row)
            {
                var merge = sheet.Merges.FirstOrDefault(m => m.FromRow == at && m.FromColumn == cell.Column);
                xml.Append(cell.Column == column + 1 ? "<Cell" : $"<Cell ss:Index=\"{cell.Column}\"");
                if (merge is not null)
                {
                    xml.Append($" ss:MergeAcross=\"{merge.ToColumn - merge.FromColumn}\" ss:MergeDown=\"{merge.ToRow - merge.FromRow}\"");
                }

                var number = double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                xml.Append($"><Data ss:Type=\"{(number ? "Number" : "String")}\">{SecurityElement.Escape(cell.Text)}</Data></Cell>");
                column = cell.Column + (merge is null ? 0 : merge.ToColumn - merge.FromColumn);
            }

            xml.Append("</Row>");
        }

        return xml.Append("</Table></Worksheet></Workbook>").ToString();
    }
}
