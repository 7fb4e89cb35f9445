using ClosedXML.Excel;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Cli;

public class ExcelIngestTests
{
    [Fact]
    public void A_canonical_table_in_an_xlsx_with_a_title_row_is_stored_with_its_sheet_and_cell()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("国民经济核算.xlsx");
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("核算表");
            ws.Cell(1, 1).SetValue("2021年国民经济核算（最终核实）");
            string[] headers = ["期间", "指标", "度量", "数值", "单位", "状态"];
            for (var i = 0; i < headers.Length; i++)
            {
                ws.Cell(3, i + 1).SetValue(headers[i]);
            }

            ws.Cell(4, 1).SetValue("2021年");
            ws.Cell(4, 2).SetValue("国内生产总值");
            ws.Cell(4, 3).SetValue("绝对额");
            ws.Cell(4, 4).SetValue(1149237);
            ws.Cell(4, 5).SetValue("亿元");
            ws.Cell(4, 6).SetValue("最终核实");
            ws.Cell(5, 1).SetValue("2021年");
            ws.Cell(5, 2).SetValue("国内生产总值");
            ws.Cell(5, 3).SetValue("同比增长（%）");
            ws.Cell(5, 4).SetValue(8.4);
            ws.Cell(5, 5).SetValue("%");
            wb.SaveAs(path);
        }

        var code = StatsIngestCli.Run(["ingest", path, "--data", tmp.File("data")], new StringWriter(), new StringWriter());

        Assert.Equal(StatsIngestCli.Ok, code);
        var store = new ObservationStore(new DataFolders(tmp.File("data")).DatabasePath);
        var observations = store.LatestObservations();
        var level = observations.Single(o => o.Key.Measure == Measure.Level);
        Assert.Equal(1149237, level.Value);
        Assert.Equal(ObservationStatus.Normal, level.Status);
        Assert.Equal(new Provenance("国民经济核算.xlsx", store.Files()[0].Sha256, "核算表", "D4", "1149237"), level.Source);
        Assert.Equal("xlsx", store.Files()[0].Format);
        Assert.Equal(8.4, observations.Single(o => o.Key.Measure == Measure.YoY).Value);
    }
}
