using StatsIngest.Read;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// The cell reader opens an .xlsx while the inspection reads it on another thread, and never reads a byte of the file
/// the inspection has not read first; when the inspection refuses the file, the cell reader stops.
/// </summary>
public class InspectionGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private static async Task<bool> Ends(Task task, TimeSpan within) => await Task.WhenAny(task, Task.Delay(within)) == task;

    private static Task Read(InspectionGate gate, long at, int count) => Task.Run(() => gate.WaitFor(at, count, CancellationToken.None));

    [Fact]
    public async Task A_read_waits_until_the_inspection_has_read_its_bytes()
    {
        var gate = new InspectionGate();
        gate.Saw(0, 100);
        gate.WaitFor(10, 90, CancellationToken.None);

        var ahead = Read(gate, 150, 50);
        Assert.False(await Ends(ahead, Short), "a read past what the inspection read must wait");
        gate.Saw(100, 60);
        Assert.False(await Ends(ahead, Short), "bytes 160..199 are still unread by the inspection");

        gate.Saw(160, 4096);

        Assert.True(await Ends(ahead, Long));
    }

    [Fact]
    public async Task Ranges_read_out_of_order_join_up_and_so_do_the_few_bytes_a_zip_reader_steps_over()
    {
        var gate = new InspectionGate();
        gate.Saw(30_000, 100);
        gate.Saw(35_000, 100);
        gate.Saw(0, 4);
        gate.Saw(26, 4);
        gate.Saw(30_100, 4_900);
        gate.Saw(9_000, 10);

        Assert.True(await Ends(Read(gate, 30_000, 5_100), Long));
        Assert.True(await Ends(Read(gate, 0, 30), Long), "a local header's fields are stepped over");
        Assert.False(await Ends(Read(gate, 20, 8_990), Short), "bytes 30..8999 are unread");
    }

    [Fact]
    public async Task A_refusal_stops_a_waiting_read_and_a_finished_inspection_lets_every_read_go()
    {
        var refused = new InspectionGate();
        var waiting = Read(refused, 0, 10);
        refused.Finish(failed: true);
        await Assert.ThrowsAsync<InspectionGate.InspectionFailedException>(() => waiting);

        var passed = new InspectionGate();
        passed.Finish(failed: false);
        passed.WaitFor(1_000_000, 4096, CancellationToken.None);
    }

    [Fact]
    public async Task A_workbook_is_read_by_its_cell_reader_only_where_the_inspection_read_before()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("ok.xlsx");
        HostileFiles.Xlsx(path, HostileFiles.ValidTable());
        var inspected = new List<(long Start, int Count)>();
        XlsxInspection.Check(path, ReadLimits.Default, (at, count) => inspected.Add((at, count)));

        var gate = new InspectionGate();
        foreach (var (at, count) in inspected)
        {
            gate.Saw(at, count);
        }

        // The inspection not finished, every byte the cell reader asks for must be among those it read.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var asked = new List<(long At, int Count)>();
        using (var stream = new WatchedStream(File.OpenRead(path), before: (at, count) => asked.Add((at, count))))
        using (var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(stream))
        {
            var first = new List<string>();
            while (reader.Read())
            {
                first.Add(reader.GetString(0));
            }

            Assert.Equal("合计", first[2]);
        }

        Assert.NotEmpty(asked);
        foreach (var (at, count) in asked)
        {
            Assert.True(await Ends(Read(gate, at, count), Long), $"the cell reader read {count} bytes at {at} before the inspection");
        }
    }
}
