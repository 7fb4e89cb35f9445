using System.Globalization;
using System.Text;
using StatsIngest.Collect;
using StatsIngest.Tests.TestSupport;
using Xunit.Abstractions;

namespace StatsIngest.Tests.Faults;

/// <summary>
/// SIGKILL at random moments of the real service — while it claims, reads, commits or writes the workbook — over many
/// trials on one data folder. After each restart has finished what was left: every good file stored exactly once,
/// nothing lost, no good file quarantined, nothing left in work/ nor temporary files in out/, latest.xlsx readable,
/// the database intact. The tallies are printed (and written to fault-tallies.txt beside the tests).
/// </summary>
[Trait("Category", "Fault")]
public class KillTrialTests(ITestOutputHelper output)
{
    private const int Trials = 32;
    private const int RowsPerFile = 10;
    private static readonly string[] Industries = ["采矿业", "制造业", "煤炭开采和洗选业", "石油和天然气开采业", "黑色金属矿采选业", "有色金属矿采选业", "非金属矿采选业", "农副食品加工业", "食品制造业", "烟草制品业"];

    [Fact]
    public async Task Thirty_two_SIGKILLs_at_random_moments_lose_nothing_and_store_nothing_twice()
    {
        var seed = 20261126;
        var random = new Random(seed);
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        var folders = new DataFolders(data);
        var expected = new Expected();
        var tallies = new Tallies();

        for (var trial = 0; trial <= Trials; trial++)
        {
            using var service = ServiceProcess.Start(data);
            await service.Started();
            var settled = await Settled(service, folders, expected);
            tallies.Check(trial, settled, service, folders, expected);
            if (trial == Trials)
            {
                service.Terminate();
                break;
            }

            Drop(trial, random, folders, expected);
            await Task.Delay(random.Next(0, 1200));
            if (service.HasExited)
            {
                tallies.Crashes.Add($"trial {trial}: exited by itself with {service.ExitCode}");
            }

            tallies.Phase(folders);
            service.Kill();
            tallies.Kills++;
        }

        var summary = tallies.Summary(Trials, seed);
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fault-tallies.txt"), summary + Environment.NewLine);
        Assert.True(tallies.AllZero, summary);
    }

    /// <summary>Drops a trial's files: three new tables, one an earlier table again under a new name, every third trial a revision and a bad file.</summary>
    private static void Drop(int trial, Random random, DataFolders folders, Expected expected)
    {
        for (var k = 0; k < 3; k++)
        {
            var name = $"t{trial:00}_{k}.csv";
            var content = Table(1990 + trial, k + 1, random, revised: false);
            Write(folders, name, content);
            expected.Good(name, content, RowsPerFile);
        }

        if (expected.Contents.Count > 3)
        {
            var (earlier, content) = expected.Contents[random.Next(expected.Contents.Count - 3)];
            Write(folders, $"t{trial:00}_again_{earlier}", content);
            expected.Duplicate($"t{trial:00}_again_{earlier}");
        }

        if (trial % 3 == 2)
        {
            var content = Table(1990 + trial - 1, 1, random, revised: true);
            Write(folders, $"t{trial:00}_revised.csv", content);
            expected.Good($"t{trial:00}_revised.csv", content, RowsPerFile);
            Write(folders, $"t{trial:00}_bad.csv", Encoding.UTF8.GetBytes("period,region,indicator,measure,value\n2021,全国,不存在的指标,level,abc\n"));
            expected.Bad($"t{trial:00}_bad.csv");
        }
    }

    private static byte[] Table(int year, int month, Random random, bool revised)
    {
        var sb = new StringBuilder("period,region,indicator,industry,basis,measure,value,unit,status\n");
        foreach (var industry in Industries)
        {
            var value = Math.Round((revised ? 50 : 0) + (random.NextDouble() * 20), 1);
            sb.Append(CultureInfo.InvariantCulture, $"{year}-{month:00},全国,规模以上工业增加值,{industry},month,yoy,{value},%,{(revised ? "final" : "provisional")}\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Written beside the inbox and moved in, as a careful sender does (a half-written file is another test's subject).</summary>
    private static void Write(DataFolders folders, string name, byte[] content)
    {
        var temp = Path.Combine(folders.Inbox, "." + name + ".part");
        File.WriteAllBytes(temp, content);
        File.Move(temp, Path.Combine(folders.Inbox, name));
    }

    /// <summary>Waits until the service has taken every file and finished its refresh; false when it did not within a minute (a hang).</summary>
    private static async Task<bool> Settled(ServiceProcess service, DataFolders folders, Expected expected)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (Environment.TickCount64 < deadline && !service.HasExited)
        {
            if (!Directory.EnumerateFiles(folders.Inbox).Any() && !Directory.EnumerateFiles(folders.Work).Any() && !File.Exists(folders.RefreshPending)
                && (expected.Names.Count == 0 || (File.Exists(Path.Combine(folders.Out, "latest.xlsx")) && expected.Names.All(StoreProbe.Read(folders).DeliveredNames.Contains))))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private sealed class Expected
    {
        public List<(string Name, byte[] Content)> Contents { get; } = [];

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public HashSet<string> BadNames { get; } = new(StringComparer.Ordinal);

        public int Observations { get; private set; }

        public void Good(string name, byte[] content, int rows)
        {
            Contents.Add((name, content));
            Names.Add(name);
            Observations += rows;
        }

        public void Duplicate(string name) => Names.Add(name);

        public void Bad(string name)
        {
            Names.Add(name);
            BadNames.Add(name);
        }
    }

    private sealed class Tallies
    {
        public int Kills { get; set; }

        /// <summary>Where the service was when it was killed, as its folders show it.</summary>
        public Dictionary<string, int> Phases { get; } = new(StringComparer.Ordinal);

        public void Phase(DataFolders folders)
        {
            var phase = Directory.EnumerateFiles(folders.Work).Any() ? "reading or committing"
                : File.Exists(folders.RefreshPending) ? "writing the workbook"
                : Directory.EnumerateFiles(folders.Inbox).Any() ? "before the claim"
                : "idle";
            Phases[phase] = Phases.GetValueOrDefault(phase) + 1;
        }

        public List<string> Lost { get; } = [];

        public List<string> Duplicated { get; } = [];

        public List<string> MissingWorkbooks { get; } = [];

        public List<string> Crashes { get; } = [];

        public List<string> Hangs { get; } = [];

        public List<string> GoodQuarantined { get; } = [];

        public List<string> Leftovers { get; } = [];

        public List<string> Damaged { get; } = [];

        public bool AllZero => new[] { Lost, Duplicated, MissingWorkbooks, Crashes, Hangs, GoodQuarantined, Leftovers, Damaged }.All(l => l.Count == 0);

        public void Check(int trial, bool settled, ServiceProcess service, DataFolders folders, Expected expected)
        {
            if (service.HasExited)
            {
                Crashes.Add($"trial {trial}: exited by itself with {service.ExitCode}: {Tail(service.Log)}");
                return;
            }

            if (!settled)
            {
                Hangs.Add($"trial {trial}: not settled within a minute: {Tail(service.Log)}");
                return;
            }

            if (expected.Names.Count == 0)
            {
                return;
            }

            var db = StoreProbe.Read(folders);
            Lost.AddRange(expected.Contents.Where(c => !db.IngestedShas.ContainsKey(FileHashOf(c.Content))).Select(c => $"trial {trial}: {c.Name}"));
            Duplicated.AddRange(db.IngestedShas.Where(s => s.Value > 1).Select(s => $"trial {trial}: {s.Key[..12]} stored {s.Value} times"));
            if (db.Observations != expected.Observations)
            {
                Duplicated.Add($"trial {trial}: {db.Observations} observations, expected {expected.Observations}");
            }

            if (db.Integrity != "ok")
            {
                Damaged.Add($"trial {trial}: integrity_check says {db.Integrity}");
            }

            var quarantined = Directory.GetFiles(folders.Quarantine).Where(f => !f.EndsWith(".error.txt", StringComparison.Ordinal)).Select(Path.GetFileName).ToArray();
            GoodQuarantined.AddRange(quarantined.Where(q => !expected.BadNames.Contains(q!)).Select(q => $"trial {trial}: {q}"));
            Leftovers.AddRange(Directory.GetFiles(folders.Work).Concat(Directory.GetFiles(folders.Out, ".*", SearchOption.AllDirectories)).Select(f => $"trial {trial}: {f}"));
            Leftovers.AddRange(Directory.GetFiles(folders.Quarantine, "*.error.txt").Where(r => new FileInfo(r).Length == 0).Select(r => $"trial {trial}: empty report {r}"));
            try
            {
                _ = new WorkbookContent(Path.Combine(folders.Out, "latest.xlsx")).Rows(StatsIngest.Report.SummaryWorkbookWriter.SourcesSheet);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or KeyNotFoundException or ExcelDataReader.Exceptions.HeaderException)
            {
                MissingWorkbooks.Add($"trial {trial}: latest.xlsx {ex.GetType().Name}: {ex.Message}");
            }
        }

        public string Summary(int trials, int seed) =>
            $"kill trials: {trials} trials (seed {seed}), {Kills} SIGKILLs ({string.Join(", ", Phases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} {p.Key}"))}) → lost {Lost.Count}, duplicated {Duplicated.Count}, missing workbooks {MissingWorkbooks.Count}, " +
            $"crashes {Crashes.Count}, hangs {Hangs.Count}, good files quarantined {GoodQuarantined.Count}, leftovers {Leftovers.Count}, damaged {Damaged.Count}" +
            string.Concat(new[] { Lost, Duplicated, MissingWorkbooks, Crashes, Hangs, GoodQuarantined, Leftovers, Damaged }.SelectMany(l => l).Take(20).Select(l => "\n  " + l));

        private static string Tail(string log) => log.Length <= 2000 ? log : log[^2000..];

        private static string FileHashOf(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
    }
}
