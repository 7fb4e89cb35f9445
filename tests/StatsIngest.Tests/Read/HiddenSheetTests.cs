using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A sheet the workbook hides is not what its publisher shows: the workbooks (made with openpyxl, saved by LibreOffice as
/// .xlsx and .xls) show one table and hide the lists behind a drop-down and a draft of the same table with another value.
/// The draft made the file's one value conflict, quarantining it, without saying the sheet was hidden (and a draft of
/// other periods would have been stored as published). Now the hidden sheets are not read, each said.
/// </summary>
public class HiddenSheetTests
{
    [Theory]
    [InlineData("hidden_sheets.xlsx")]
    [InlineData("hidden_sheets_legacy.xls")]
    public void A_hidden_sheet_is_not_read_and_that_is_said(string fixture)
    {
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path(fixture));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Equal(["GDP.全国._T.A.L 2022 1204724 亿元 A ← 数据!F2 '1204724'"], ReadWarningTests.ObservationsSpaced(output));
        Assert.Contains("warning: sheet '下拉列表': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
        Assert.Contains("warning: sheet '草稿': This sheet is hidden in the workbook and was not read", output, StringComparison.Ordinal);
        Assert.Contains("工作表“草稿”：此工作表在工作簿中被隐藏，未读取", output, StringComparison.Ordinal);
    }
}
