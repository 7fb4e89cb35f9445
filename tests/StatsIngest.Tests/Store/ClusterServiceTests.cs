using System.Globalization;
using System.Text;
using StatsIngest.Collect;
using StatsIngest.Report;
using StatsIngest.Tests.TestSupport;
using Xunit.Abstractions;

namespace StatsIngest.Tests.Store;

/// <summary>
/// Three real service processes on one PostgreSQL store and one shared data folder; a burst of 500 distinct files (and
/// some of them again under other names) while one instance is killed with SIGKILL mid-run. Every file is ingested
/// exactly once, no observation is stored twice, nothing is lost or quarantined, the dead instance's claimed files are
/// taken over, and each workbook revision is written once.
/// </summary>
[Trait("Category", "Cluster")]
public class ClusterServiceTests(ITestOutputHelper output)
{
    private const int Files = 500;
    private const int Copies = 20;
    private const int RowsPerFile = 3;

    [SkippableFact]
    public async Task Three_instances_with_one_killed_mid_run_ingest_every_file_once()
    {
        using var db = PostgresDatabase.Create();
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data).EnsureCreated();
        var services = Enumerable.Range(1, 3).Select(i => ServiceProcess.Start(data,
            "--Store:Provider=postgres", "--ConnectionStrings:StatsIngest=" + db.ConnectionString, $"--Cluster:InstanceId=node{i}",
            "--Cluster:CheckinSeconds=1", "--Cluster:LeaseSeconds=4", "--Inbox:DeferredRetrySeconds=1")).ToArray();
        try
        {
            foreach (var s in services)
            {
                await s.Started();
            }

            var contents = Drop(folders);
            await RunningService.WaitUntil(() => Count(db, "SELECT COUNT(*) FROM deliveries") >= Files / 5, "a fifth of the files delivered", 120);
            await WhileReading(Path.Combine(folders.WorkRoot, "node2"));
            services[1].Kill();
            var killedAt = Count(db, "SELECT COUNT(*) FROM deliveries");
            // Files, as the take-over counts them: not claim records, not temporary files (a claim record being written).
            var orphaned = Directory.EnumerateFiles(Path.Combine(folders.WorkRoot, "node2")).Count(f => !f.EndsWith(".claim", StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal));

            try
            {
                await RunningService.WaitUntil(() => Count(db, "SELECT COUNT(DISTINCT file_name) FROM deliveries") >= Files + Copies
                                                     && !Directory.EnumerateFiles(folders.Inbox).Any()
                                                     && !Directory.EnumerateFiles(folders.WorkRoot, "*", SearchOption.AllDirectories).Any()
                                                     && !File.Exists(folders.RefreshPending),
                    "every file delivered and nothing left in the inbox or in work/", 240);
            }
            catch (Xunit.Sdk.XunitException)
            {
                output.WriteLine(State(db, folders, services));
                throw;
            }
            await RunningService.WaitUntil(() => Count(db, "SELECT COUNT(*) FROM cluster_instances WHERE instance_id = 'node2'") == 0, "the dead instance forgotten", 60);

            Assert.Equal(Files, Count(db, "SELECT COUNT(*) FROM files"));
            Assert.Equal(Files, Count(db, "SELECT COUNT(DISTINCT sha256) FROM files"));
            Assert.Equal((long)Files * RowsPerFile, Count(db, "SELECT COUNT(*) FROM observations"));
            Assert.Equal(0, Count(db, "SELECT COUNT(*) FROM (SELECT series_id, period FROM observations GROUP BY series_id, period HAVING COUNT(*) > 1) d"));
            Assert.Equal(0, Count(db, "SELECT COUNT(*) FROM deliveries WHERE outcome = 'quarantined'"));
            Assert.Equal(Copies, Count(db, "SELECT COUNT(DISTINCT file_name) FROM deliveries WHERE outcome = 'duplicate'"));
            Assert.Empty(Directory.EnumerateFiles(folders.Quarantine, "*", SearchOption.AllDirectories));
            var archived = Directory.EnumerateFiles(folders.Archive, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            Assert.All(contents.Keys, name => Assert.Contains(name, archived));
            Assert.Equal(0, Count(db, "SELECT COUNT(*) FROM inbox_leases"));
            Assert.False(Directory.Exists(Path.Combine(folders.WorkRoot, "node2")));
            var tookOver = services[0].Log + services[2].Log;
            Assert.True(orphaned == 0 || tookOver.Contains("Instance node2 stopped checking in", StringComparison.Ordinal), tookOver);
            EachRevisionWrittenOnce(folders);

            foreach (var s in new[] { services[0], services[2] })
            {
                Assert.Equal(0, s.Terminate());
            }

            output.WriteLine($"killed node2 after {killedAt} deliveries with {orphaned} file(s) in its work/; {Count(db, "SELECT COUNT(*) FROM deliveries")} deliveries in all");
        }
        finally
        {
            foreach (var s in services)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>Returns as soon as the instance has a claimed file in its work/ (it is reading or committing it), or after 30 s.</summary>
    private static async Task WhileReading(string work)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline && !Directory.EnumerateFiles(work).Any(f => !f.EndsWith(".claim", StringComparison.Ordinal)))
        {
            await Task.Delay(1);
        }
    }

    /// <summary>500 distinct monthly tables (a region and month each), then 20 of them again under other names.</summary>
    private static Dictionary<string, byte[]> Drop(DataFolders folders)
    {
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string[] regions = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏"];
        for (var i = 0; i < Files; i++)
        {
            var (region, year, month) = (regions[i % regions.Length], 1990 + (i / regions.Length / 12), 1 + (i / regions.Length % 12));
            var sb = new StringBuilder("period,region,indicator,industry,basis,measure,value,unit,status\n");
            foreach (var (industry, k) in new[] { "采矿业", "制造业", "煤炭开采和洗选业" }.Select((x, k) => (x, k)))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{year}-{month:00},{region},规模以上工业增加值,{industry},month,yoy,{(i % 97) + (k / 10.0)},%,final\n");
            }

            contents[$"f{i:000}.csv"] = Encoding.UTF8.GetBytes(sb.ToString());
        }

        foreach (var (name, content) in contents)
        {
            Write(folders, name, content);
        }

        foreach (var i in Enumerable.Range(0, Copies))
        {
            Write(folders, $"copy_{i:00}.csv", contents[$"f{i * 7:000}.csv"]);
        }

        return contents;
    }

    private static void Write(DataFolders folders, string name, byte[] content)
    {
        var temp = Path.Combine(folders.Inbox, "." + name + ".part");
        File.WriteAllBytes(temp, content);
        File.Move(temp, Path.Combine(folders.Inbox, name));
    }

    /// <summary>No period has two revisions with the same content, nor one revision number twice (two instances writing at once).</summary>
    private static void EachRevisionWrittenOnce(DataFolders folders)
    {
        var indexes = Directory.GetFiles(folders.Out, WorkbookPublisher.IndexFile, SearchOption.AllDirectories);
        Assert.NotEmpty(indexes);
        foreach (var index in indexes)
        {
            var rows = File.ReadAllLines(index).Skip(1).Select(l => l.Split('\t')).ToArray();
            Assert.Equal(rows.Length, rows.Select(r => r[0]).Distinct().Count());
            Assert.Equal(rows.Length, rows.Select(r => r[2]).Distinct().Count());
            Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(index)!, r[1])), index + ": " + r[1]));
        }
    }

    /// <summary>What was left when the cluster did not settle: the folders, the leases, the instances, the logs' ends.</summary>
    private static string State(PostgresDatabase db, DataFolders folders, ServiceProcess[] services) =>
        $"deliveries {Count(db, "SELECT COUNT(DISTINCT file_name) FROM deliveries")}, leases {Count(db, "SELECT COUNT(*) FROM inbox_leases")}, " +
        $"instances {db.Scalar("SELECT string_agg(instance_id || ' ' || (now() - checked_in_at)::text, '; ') FROM cluster_instances")}\n" +
        $"inbox: {string.Join(", ", Directory.EnumerateFiles(folders.Inbox).Take(10).Select(Path.GetFileName))}\n" +
        $"work: {string.Join(", ", Directory.EnumerateFiles(folders.WorkRoot, "*", SearchOption.AllDirectories).Take(20).Select(f => Path.GetRelativePath(folders.WorkRoot, f)))}\n" +
        $"refresh pending: {File.Exists(folders.RefreshPending)}\n" +
        string.Join("\n", services.Select((s, i) => $"--- node{i + 1} ---\n{(s.Log.Length > 3000 ? s.Log[^3000..] : s.Log)}"));

    private static long Count(PostgresDatabase db, string sql) => Convert.ToInt64(db.Scalar(sql), CultureInfo.InvariantCulture);
}
