using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StatsIngest.Collect;
using StatsIngest.Ingest;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary>
/// What the fault campaign did to the running service, each now a test: entries that are not files, links, poison
/// files, an interrupted refresh, long and undecodable names, a slow copy, a locked database, a full disk.
/// </summary>
public class HostileInboxTests
{
    private static void Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{command}: {p.StandardError.ReadToEnd()}");
    }

    private static string Report(RunningService service, string name) =>
        File.ReadAllText(Path.Combine(service.Folders.Quarantine, name + Quarantine.ReportSuffix));

    [SkippableFact]
    public async Task A_fifo_in_the_inbox_is_refused_unread_and_the_files_behind_it_are_ingested()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);

        Sh($"mkfifo '{Path.Combine(service.Folders.Inbox, "管道.csv")}'");
        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(2);

        Assert.Contains("a FIFO (named pipe)", Report(service, "管道.csv"), StringComparison.Ordinal);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(Path.Combine(service.Folders.Quarantine, "管道.csv")));
        Assert.Contains(service.Store.Deliveries(), d => d.Outcome == DeliveryOutcome.Ingested);
    }

    [SkippableFact]
    public async Task A_link_is_refused_without_reading_its_target_and_with_FollowLinks_only_one_inside_an_allowed_root_is_taken()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var tmp = new TempFolder();
        var outside = tmp.File("outside.csv");
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), outside);
        var secret = tmp.File("secret.txt");
        File.WriteAllText(secret, "期间,数值\nTOP-SECRET-CONTENT,1\n");
        await using (var service = await RunningService.StartAsync(tmp.File("a")))
        {
            File.CreateSymbolicLink(Path.Combine(service.Folders.Inbox, "shadow.csv"), secret);
            File.CreateSymbolicLink(Path.Combine(service.Folders.Inbox, "valid.csv"), outside);
            await service.WaitForDeliveries(2);

            var report = Report(service, "shadow.csv");
            Assert.Contains("a symbolic link", report, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", report, StringComparison.Ordinal);
            Assert.Empty(service.Store.Files());
            Assert.NotNull(new FileInfo(Path.Combine(service.Folders.Quarantine, "valid.csv")).LinkTarget);
        }

        var shared = tmp.File("share");
        Directory.CreateDirectory(shared);
        File.Copy(outside, Path.Combine(shared, "月报.csv"));
        var settings = new Dictionary<string, string?> { ["Inbox:FollowLinks"] = "true", ["Inbox:AllowedRoots:0"] = shared };
        await using (var service = await RunningService.StartAsync(tmp.File("b"), settings: settings))
        {
            File.CreateSymbolicLink(Path.Combine(service.Folders.Inbox, "from-share.csv"), Path.Combine(shared, "月报.csv"));
            File.CreateSymbolicLink(Path.Combine(service.Folders.Inbox, "shadow.csv"), secret);
            await service.WaitForDeliveries(2);

            var archived = Path.Combine(service.Folders.Root, service.Store.Files().Single().ArchivePath);
            Assert.Null(new FileInfo(archived).LinkTarget);
            Assert.Equal(FileHash.Sha256(outside), FileHash.Sha256(archived));
            Assert.Contains("outside the data folder and Inbox:AllowedRoots", Report(service, "shadow.csv"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_that_stopped_the_process_twice_is_set_aside_as_poison_at_the_next_start_and_the_others_are_ingested()
    {
        using var tmp = new TempFolder();
        var folders = new DataFolders(tmp.Path).EnsureCreated();
        var clock = TimeProvider.System;
        var work = new WorkArea(folders, clock);
        var poison = tmp.File("月报.xlsx");
        File.Copy(Fixtures.Path("layouts/province_industry_2022-06.xlsx"), poison);
        var claimed = work.Claim(poison, ClaimMode.Move);
        work.BeginAttempt(claimed);
        work.BeginAttempt(claimed);
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), Path.Combine(folders.Inbox, Fixtures.Preliminary));

        await using var service = await RunningService.StartAsync(tmp.Path);
        await service.WaitForDeliveries(2);

        var report = Report(service, "月报.xlsx");
        Assert.Contains("StatsIngest stopped 2 times while it was reading this file", report, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folders.Work));
        Assert.Single(service.Store.Files());
    }

    [Fact]
    public async Task An_interrupted_refresh_is_finished_at_start_and_stray_temporary_outputs_are_removed()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, StatsIngest.Cli.StatsIngestCli.Run(["ingest", Fixtures.Sample(Fixtures.Preliminary), "--data", tmp.Path], new StringWriter(), new StringWriter()));
        var folders = new DataFolders(tmp.Path);
        var latest = Path.Combine(folders.Out, "latest.xlsx");
        File.Delete(latest);
        File.WriteAllText(folders.RefreshPending, "killed");
        var stray = Path.Combine(folders.Out, ".latest.0123456789abcdef.tmp.xlsx");
        File.WriteAllText(stray, "half");

        await using var service = await RunningService.StartAsync(tmp.Path);
        await RunningService.WaitUntil(() => File.Exists(latest) && !File.Exists(folders.RefreshPending), "latest.xlsx written again");

        Assert.False(File.Exists(stray));
        Assert.True(new FileInfo(latest).Length > 1000);
    }

    [Fact]
    public async Task A_name_of_255_bytes_is_ingested_and_every_name_made_from_it_fits()
    {
        using var tmp = new TempFolder();
        var name = new string('统', 83) + "a.csv"; // 83 × 3 + 5 = 254 bytes
        Assert.True(Encoding.UTF8.GetByteCount(name) is > 250 and <= 255);
        var source = tmp.File("src.csv");
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), source);
        await using var service = await RunningService.StartAsync(tmp.File("data"));

        service.Drop(source, name);
        await service.WaitForDeliveries(1);
        service.Drop(source, name);
        await service.WaitForDeliveries(2);

        var file = service.Store.Files().Single();
        Assert.Equal(name, file.FileName);
        Assert.True(File.Exists(Path.Combine(service.Folders.Root, file.ArchivePath)));
        Assert.Equal(DeliveryOutcome.Duplicate, service.Store.Deliveries()[1].Outcome);
        Assert.All(Directory.EnumerateFiles(service.Folders.Root, "*", SearchOption.AllDirectories), f => Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(f)) <= 255));
    }

    [Fact]
    public async Task A_bad_file_with_a_name_of_255_bytes_goes_to_quarantine_with_its_report_not_back_to_work()
    {
        using var tmp = new TempFolder();
        var name = new string('统', 83) + "a.csv"; // 83 × 3 + 5 = 254 bytes
        var source = tmp.File("bad.csv");
        File.WriteAllText(source, "period,region,indicator,basis,measure,value,unit,status\n2021,全国,GDP,year,level,4.x,亿元,final\n");
        await using var service = await RunningService.StartAsync(tmp.File("data"));

        service.Drop(source, name);
        await service.WaitForDeliveries(1);

        Assert.Equal(DeliveryOutcome.Quarantined, service.Store.Deliveries().Single().Outcome);
        var kept = Assert.Single(Directory.GetFiles(service.Folders.Quarantine, "*.csv"));
        Assert.Contains("'4.x'", File.ReadAllText(kept + Quarantine.ReportSuffix), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(service.Folders.Work));
        Assert.All(Directory.EnumerateFiles(service.Folders.Root, "*", SearchOption.AllDirectories), f => Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(f)) <= 255));
    }

    /// <summary>A kill while a report was written leaves its '.error.txt.tmp': the next refusal of that name takes the name and the leftover.</summary>
    [Fact]
    public void A_report_left_half_written_by_a_kill_does_not_take_the_name_of_the_next_refusal()
    {
        using var tmp = new TempFolder();
        var quarantine = Directory.CreateDirectory(tmp.File("data/quarantine")).FullName;
        File.WriteAllText(Path.Combine(quarantine, "bad.csv" + Quarantine.ReportSuffix + ".tmp"), "half a report");
        var bad = tmp.File("bad.csv");
        File.WriteAllText(bad, "period,region,indicator,basis,measure,value,unit,status\n2021,全国,GDP,year,level,4.x,亿元,final\n");

        Assert.Equal(StatsIngest.Cli.StatsIngestCli.FileProblems, CliRun.Run(["ingest", bad, "--data", tmp.File("data")]).Code);

        Assert.Equal(["bad.csv", "bad.csv.error.txt"], Directory.GetFiles(quarantine).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_name_that_is_not_UTF8_is_renamed_and_ingested()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "file names are bytes on Linux only");
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);

        // "月报" in GBK bytes, then ".csv": a name written by an old system.
        Sh($"cp '{Fixtures.Sample(Fixtures.Preliminary)}' \"{service.Folders.Inbox}/$(printf '\\324\\302\\261\\250').csv\"");
        await service.WaitForDeliveries(1);

        var file = service.Store.Files().Single();
        Assert.Equal("月报.csv", file.FileName);
    }

    [SkippableFact]
    public async Task A_file_still_open_for_writing_is_not_taken_until_it_is_closed_whatever_its_pauses()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "open files are seen through /proc on Linux");
        using var tmp = new TempFolder();
        var lines = File.ReadAllLines(Fixtures.Sample(Fixtures.Preliminary));
        await using var service = await RunningService.StartAsync(tmp.Path, quietSeconds: 0.3);
        var path = Path.Combine(service.Folders.Inbox, "slow.csv");

        await using (var writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(true)))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line);
                await writer.FlushAsync();
                await Task.Delay(700); // longer than the quiet period
                Assert.True(File.Exists(path), "not claimed while it is being written");
            }
        }

        await service.WaitForDeliveries(1);
        var file = service.Store.Files().Single();
        Assert.Equal(lines.Length - 2, file.RowsRead); // a header and a note line
        Assert.Equal(file.Sha256, FileHash.Sha256(Path.Combine(service.Folders.Root, file.ArchivePath)));
    }

    /// <summary>
    /// A refresh that failed (out/ not writable, a full disk; here its marker can not be written) left the data stored and the workbook stale until the next
    /// file or a restart: a month with no other file kept the old workbook, the health Degraded. The service tries it
    /// again after Inbox:DeferredRetrySeconds, as it tries deferred files.
    /// </summary>
    [Fact]
    public async Task A_refresh_that_failed_is_tried_again_without_a_new_file()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path, settings: new Dictionary<string, string?> { ["Inbox:DeferredRetrySeconds"] = "1" });
        var status = service.Host.Services.GetRequiredService<IngestStatus>();
        var signal = service.Host.Services.GetRequiredService<InboxSignal>();
        var latest = Path.Combine(service.Folders.Out, "latest.xlsx");
        await service.WaitForIdleInbox();
        Directory.CreateDirectory(service.Folders.RefreshPending); // the refresh's marker can not be written: it fails

        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        await service.WaitForDeliveries(1);
        await RunningService.WaitUntil(() => status.RefreshFailure is not null, "the refresh failed");
        Assert.Equal(DeliveryOutcome.Ingested, service.Store.Deliveries().Single().Outcome);

        Directory.Delete(service.Folders.RefreshPending);
        await RunningService.WaitUntil(() =>
        {
            signal.Request();
            return File.Exists(latest) && status.RefreshFailure is null;
        }, "the workbook written once the refresh can write again");
        Assert.Single(service.Store.Deliveries());
    }

    /// <summary>
    /// An operator who empties the data folder's outputs by removing out/ and quarantine/ while the service runs: every
    /// refresh failed (its marker had no folder) until a restart, and a bad file had no quarantine to go to. The loop
    /// makes the folders again.
    /// </summary>
    [Fact]
    public async Task Output_folders_removed_while_the_service_runs_are_made_again()
    {
        using var tmp = new TempFolder();
        await using var service = await RunningService.StartAsync(tmp.Path);
        await service.WaitForIdleInbox();
        Directory.Delete(service.Folders.Out, recursive: true);
        Directory.Delete(service.Folders.Quarantine, recursive: true);

        service.Drop(Fixtures.Sample(Fixtures.Preliminary));
        File.WriteAllText(Path.Combine(service.Folders.Inbox, "garbage.csv"), "no table here\n\u0001\u0002\n");
        await service.WaitForDeliveries(2);
        await service.WaitForIdleInbox();

        Assert.True(File.Exists(Path.Combine(service.Folders.Out, "latest.xlsx")), "the workbook written");
        Assert.True(File.Exists(Path.Combine(service.Folders.Quarantine, "garbage.csv.error.txt")), "the bad file's report written");
        Assert.Null(service.Host.Services.GetRequiredService<IngestStatus>().RefreshFailure);
    }

    [Fact]
    public async Task A_database_locked_past_the_retries_leaves_the_file_in_work_and_it_is_ingested_once_the_lock_is_gone()
    {
        using var tmp = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Store:BusyTimeoutSeconds"] = "1", ["Inbox:TransientRetries"] = "1", ["Inbox:RetryDelaySeconds"] = "0", ["Inbox:DeferredRetrySeconds"] = "1",
        };
        await using var service = await RunningService.StartAsync(tmp.Path, settings: settings);
        var status = service.Host.Services.GetRequiredService<IngestStatus>();

        using (var locker = new SqliteConnection($"Data Source={service.Folders.DatabasePath};Pooling=False"))
        {
            locker.Open();
            using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            service.Drop(Fixtures.Sample(Fixtures.Preliminary));
            await RunningService.WaitUntil(() => status.Deferred.ContainsKey(Fixtures.Preliminary), "the file deferred");

            Assert.Contains("locked", status.Deferred[Fixtures.Preliminary].Reason, StringComparison.Ordinal);
            var health = await service.Host.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Entries["ingest"].Status);
            Assert.Contains($"e.g. {Fixtures.Preliminary}: the database is locked", health.Entries["ingest"].Description, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(service.Folders.Work, "*.csv"));
            Assert.Empty(Directory.GetFiles(service.Folders.Quarantine));
            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        await service.WaitForDeliveries(1);
        Assert.Equal(DeliveryOutcome.Ingested, service.Store.Deliveries().Single().Outcome);
        Assert.Empty(status.Deferred);
    }

    [SkippableFact]
    public async Task A_full_disk_leaves_valid_files_waiting_never_quarantined_with_empty_reports()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root", "mounting a small tmpfs needs root on Linux");
        using var tmp = new TempFolder();
        var mount = tmp.File("disk");
        Directory.CreateDirectory(mount);
        try
        {
            Sh($"mount -t tmpfs -o size=3m tmpfs '{mount}'");
        }
        catch (Xunit.Sdk.TrueException ex)
        {
            throw new SkipException("tmpfs can not be mounted here: " + ex.Message);
        }

        try
        {
            var settings = new Dictionary<string, string?> { ["Inbox:TransientRetries"] = "0", ["Inbox:DeferredRetrySeconds"] = "1" };
            await using var service = await RunningService.StartAsync(mount, settings: settings);
            service.Drop(Fixtures.Sample(Fixtures.Preliminary));
            await service.WaitForDeliveries(1);
            await service.WaitForIdleInbox();
            await EmptyWriteAheadLog(service.Folders.DatabasePath);
            foreach (var f in new[] { Fixtures.Final2021, Fixtures.Monthly2023 })
            {
                File.Copy(Fixtures.Sample(f), Path.Combine(service.Folders.Inbox, "." + f));
            }

            var filler = Path.Combine(mount, "filler");
            Sh($"dd if=/dev/zero of='{filler}' bs=4k 2>/dev/null; true");
            foreach (var f in new[] { Fixtures.Final2021, Fixtures.Monthly2023 })
            {
                File.Move(Path.Combine(service.Folders.Inbox, "." + f), Path.Combine(service.Folders.Inbox, f));
            }

            var status = service.Host.Services.GetRequiredService<IngestStatus>();
            await RunningService.WaitUntil(() => status.Deferred.Count > 0, "a file deferred on the full disk");
            Assert.Contains("the disk is full", status.Deferred.Values.First().Reason, StringComparison.Ordinal);
            Assert.All(Directory.GetFiles(service.Folders.Quarantine), q => Assert.True(new FileInfo(q).Length > 0, $"{q} is not empty"));

            File.Delete(filler);
            await RunningService.WaitUntil(() => service.Store.Files().Count == 3, "every file ingested once the disk has room", 60);
            Assert.DoesNotContain(service.Store.Deliveries(), d => d.Outcome == DeliveryOutcome.Quarantined);
        }
        finally
        {
            Sh($"umount -l '{mount}' || true");
        }
    }

    /// <summary>
    /// SQLite's write-ahead log keeps its size after a checkpoint: a commit that fits in it needs no new room and goes
    /// through on a full disk (the file then ingested, never deferred — the run that timed out waiting for a deferral).
    /// Emptied, the next write needs room.
    /// </summary>
    private static Task EmptyWriteAheadLog(string database) =>
        RunningService.WaitUntil(() =>
        {
            using var c = new SqliteConnection($"Data Source={database};Pooling=False");
            c.Open();
            using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var r = checkpoint.ExecuteReader();
            return r.Read() && r.GetInt64(0) == 0 && new FileInfo(database + "-wal") is { Exists: false } or { Length: 0 };
        }, "the store's write-ahead log emptied");
}
