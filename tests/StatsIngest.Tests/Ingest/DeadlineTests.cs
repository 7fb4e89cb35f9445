using System.Text;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary>Limits:FileSeconds: a file whose reading takes longer is stopped and quarantined with a report that says so.</summary>
public class DeadlineTests
{
    /// <summary>
    /// A web page whose 1,500 rows each begin with a cell spanning the rows below (its cells pushed one column further
    /// right each row: 2.3M positions to look through, 1% of them filled — under the rule that refuses fewer at once)
    /// reads for several seconds, to no table. Cut off after one second, it is quarantined once, with "took longer than
    /// Limits:FileSeconds": the stopped reading went on and set the file aside itself while its runner did the same —
    /// one of the two found no file (the command died of it; the service logged that the processing "failed
    /// unexpectedly"). Now the stopped reading leaves the file to its runner.
    /// </summary>
    [Fact]
    public void A_file_read_longer_than_the_limit_is_quarantined_once_as_too_slow()
    {
        using var tmp = new TempFolder();
        var page = tmp.File("web_steps.xls");
        File.WriteAllText(page, "<table>" + string.Concat(Enumerable.Repeat("""<tr><td rowspan="1500">期间</td>""" + string.Concat(Enumerable.Repeat("<td>1</td>", 15)) + "</tr>", 1500)) + "</table>", Encoding.UTF8);
        var data = tmp.File("data");
        var output = new StringWriter();

        var code = StatsIngestCli.Run(["ingest", page, "--data", data, "--Limits:FileSeconds=1", "--Logging:LogLevel:Default=Warning"], output, output);

        var folders = new DataFolders(data);
        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("quarantined web_steps.xls: 1 problem(s); first: Reading this file took longer than Limits:FileSeconds (1 s)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("took longer than Limits:FileSeconds (1 s)", File.ReadAllText(Path.Combine(folders.Quarantine, "web_steps.xls.error.txt")), StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Quarantined, Assert.Single(new ObservationStore(folders.DatabasePath).Deliveries()).Outcome);
        Assert.Empty(Directory.GetFiles(folders.Work));
    }
}
