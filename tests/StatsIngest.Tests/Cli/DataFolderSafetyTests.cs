using System.Diagnostics;
using StatsIngest.Cli;
using StatsIngest.Collect;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Cli;

/// <summary>
/// The data folder's safety at the command line: one StatsIngest per folder, a damaged database or a folder that can
/// not be written said in one line with its own exit code, and nothing of the input lost on the way.
/// </summary>
public class DataFolderSafetyTests
{
    /// <summary>The CLI in this process, cut off after a minute so a command that wrongly starts the service fails the test instead of hanging it.</summary>
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => StatsIngestCli.Run(args, stdout, stderr));
        Assert.True(run.Wait(TimeSpan.FromMinutes(1)), $"statsingest {string.Join(' ', args)} returned within a minute");
        return (run.Result, stdout.ToString(), stderr.ToString());
    }

    private static string Input(TempFolder tmp)
    {
        var input = tmp.File(Fixtures.Preliminary);
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), input);
        return input;
    }

    [Fact]
    public void A_second_StatsIngest_on_the_same_data_folder_is_refused_with_one_line_naming_the_owner()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data).EnsureCreated();
        var input = Input(tmp);

        using (var owner = InstanceLock.TryTake(folders, TimeProvider.System, out _))
        {
            Assert.NotNull(owner);
            foreach (var args in new[] { new[] { "run", "--data", data }, ["ingest", input, "--data", data], ["report", "--data", data], ["reprocess", "--data", data] })
            {
                var (code, output, errors) = Cli(args);

                Assert.Equal(StatsIngestCli.AlreadyRunning, code);
                var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}", line, StringComparison.Ordinal);
                Assert.Contains(folders.Inbox, line, StringComparison.Ordinal);
                Assert.Empty(output);
            }
        }

        Assert.True(File.Exists(input));
        Assert.False(File.Exists(folders.DatabasePath) && new ObservationStore(folders.DatabasePath).Files().Count > 0);
        Assert.Equal(StatsIngestCli.Ok, Cli("ingest", input, "--data", data).Code); // the lock went with its owner
    }

    [Fact]
    public void A_damaged_database_is_said_in_one_line_exit_74_and_the_file_is_not_quarantined()
    {
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data).EnsureCreated();
        File.WriteAllBytes(folders.DatabasePath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251))]);
        var input = Input(tmp);

        foreach (var args in new[] { new[] { "ingest", input, "--data", data }, ["run", "--data", data], ["report", "--data", data] })
        {
            var (code, _, errors) = Cli(args);

            Assert.Equal(StatsIngestCli.StoreError, code);
            var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Store error: the database " + folders.DatabasePath + " is damaged or is not a StatsIngest database (", line, StringComparison.Ordinal);
            Assert.Contains("can be ingested again", line, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(input));
        Assert.Empty(Directory.GetFiles(folders.Quarantine));
        Assert.Empty(Directory.GetFiles(folders.Work));
    }

    [SkippableFact]
    public void A_read_only_data_folder_is_said_in_one_line_exit_73_by_run_and_ingest()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root", "remounting a tmpfs read-only needs root on Linux");
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        Directory.CreateDirectory(data);
        Skip.IfNot(Sh($"mount -t tmpfs -o size=8m tmpfs '{data}'"), "tmpfs can not be mounted here");
        try
        {
            var input = Input(tmp);
            Assert.Equal(StatsIngestCli.Ok, Cli("ingest", input, "--data", data).Code);
            Assert.True(Sh($"mount -o remount,ro '{data}'"));

            foreach (var args in new[] { new[] { "ingest", input, "--data", data }, ["run", "--data", data] })
            {
                var (code, _, errors) = Cli(args);

                Assert.Equal(StatsIngestCli.DataFolderError, code);
                var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith("Data folder error:", line, StringComparison.Ordinal);
                Assert.Contains(data, line, StringComparison.Ordinal);
            }

            Assert.True(File.Exists(input));
        }
        finally
        {
            Sh($"umount -l '{data}'");
        }
    }

    [Fact]
    public void Ingest_takes_settings_as_the_README_says()
    {
        using var tmp = new TempFolder();
        var input = LargerThanAMegabyte(tmp);

        var (code, output, _) = Cli("ingest", input, "--data", tmp.File("data"), "--Limits:MaxFileMegabytes=1");

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("(Limits:MaxFileMegabytes); it was not read", output, StringComparison.Ordinal);
        Assert.Contains("(Limits:MaxFileMegabytes); it was not read", File.ReadAllText(tmp.File("data/quarantine/large.csv.error.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("report")]
    [InlineData("collect")]
    public void A_setting_out_of_range_stops_a_command_before_it_touches_a_file(string command)
    {
        using var tmp = new TempFolder();
        var input = Input(tmp);
        string[] args = command == "ingest" ? [command, input] : [command];

        var (code, _, errors) = Cli([.. args, "--data", tmp.File("data"), "--Limits:MaxFileMegabytes=0.0001", "--Limits:MaxRows=0"]);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        Assert.Contains("Configuration error: Limits:MaxFileMegabytes = 0.0001 is not allowed", errors, StringComparison.Ordinal);
        Assert.Contains("Configuration error: Limits:MaxRows = 0 is not allowed", errors, StringComparison.Ordinal);
        Assert.True(File.Exists(input), "the input stays where it was");
        Assert.False(Directory.Exists(tmp.File("data/quarantine")) && Directory.EnumerateFileSystemEntries(tmp.File("data/quarantine")).Any(), "nothing is quarantined for a setting's mistake");
    }

    private static string LargerThanAMegabyte(TempFolder tmp)
    {
        var input = tmp.File("large.csv");
        var row = "2021,全国,GDP,year,level,1149237,亿元,final\n";
        File.WriteAllText(input, "period,region,indicator,basis,measure,value,unit,status\n" + string.Concat(Enumerable.Repeat(row, (1024 * 1024 / row.Length) + 100)));
        return input;
    }

    [Fact]
    public void Years_before_the_first_and_after_the_last_allowed_are_refused_at_their_cells_naming_the_settings()
    {
        using var tmp = new TempFolder();
        var input = tmp.File("years.csv");
        File.WriteAllText(input, """
            period,region,indicator,industry,basis,measure,value,unit,status
            2021,全国,GDP,,year,level,1143670,亿元,final
            1900,全国,GDP,,year,level,1,亿元,final
            2200,全国,GDP,,year,level,1,亿元,final
            2028,全国,GDP,,year,level,1,亿元,final
            """);

        var (code, _, _) = Cli("ingest", input, "--data", tmp.File("data"), "--Limits:MaxYear=2027");

        Assert.Equal(StatsIngestCli.FileProblems, code);
        var report = File.ReadAllText(tmp.File("data/quarantine/years.csv.error.txt"));
        foreach (var (row, year) in new[] { (3, 1900), (4, 2200), (5, 2028) })
        {
            Assert.Contains($"row {row}, column A (cell A{row}): The year {year} is outside the years 1949–2027 a period may have (Limits:MinYear, Limits:MaxYear)", report, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("row 2,", report, StringComparison.Ordinal);
    }

    private static bool Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
