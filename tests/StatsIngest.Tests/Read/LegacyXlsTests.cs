using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

public class LegacyXlsTests
{
    [Fact]
    public void A_legacy_BIFF8_xls_is_read_with_its_sheet_name_and_typed_numbers()
    {
        var grid = ExcelGridReader.Read(Fixtures.Path("canonical_legacy.xls"));

        Assert.Equal("xls", grid.Format);
        var sheet = Assert.Single(grid.Sheets);
        Assert.Equal("canonical_legacy", sheet.Name);
        Assert.Equal("国内生产总值", sheet.Cell(2, 2)!.Text);
        Assert.Equal(1149237.0, sheet.Cell(2, 4)!.Value);
        Assert.Equal("最终核实", sheet.Cell(3, 6)!.Text);
    }
}
