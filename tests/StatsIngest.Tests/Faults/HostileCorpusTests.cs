using System.Diagnostics;
using System.Text;
using StatsIngest.Collect;
using StatsIngest.Tests.TestSupport;
using Xunit.Abstractions;

namespace StatsIngest.Tests.Faults;

/// <summary>
/// Over two hundred hostile files dropped at once into the running service (its own process): each ends ingested or
/// quarantined with a report, the good ones among them ingested, the service alive throughout, nothing read outside
/// the data folder. The tallies are printed (and written to hostile-tallies.txt beside the tests).
/// </summary>
[Trait("Category", "Fault")]
public class HostileCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_hostile_file_ends_ingested_or_quarantined_with_a_report_and_the_service_lives_on()
    {
        using var tmp = new TempFolder();
        var corpus = HostileCorpus.Write(tmp.File("corpus"), tmp.File("secret.txt"));
        var data = tmp.File("data");
        var folders = new DataFolders(data);
        Assert.True(corpus.Files.Count + corpus.Specials.Count >= 200, $"{corpus.Files.Count + corpus.Specials.Count} entries");
        using var service = ServiceProcess.Start(data,
            "--Limits:MaxXmlPartMegabytes=20", "--Limits:MaxFileMegabytes=5", "--Limits:MaxCellsPerSheet=100000", "--Limits:MaxSharedStrings=100000", "--Limits:FileSeconds=30");
        await service.Started();
        var clock = Stopwatch.StartNew();

        foreach (var name in corpus.Files.Keys)
        {
            File.Move(Path.Combine(tmp.File("corpus"), name), Path.Combine(folders.Inbox, name));
        }

        foreach (var (name, how) in corpus.Specials)
        {
            MakeSpecial(Path.Combine(folders.Inbox, name), how);
        }

        var all = corpus.Files.Keys.Concat(corpus.Specials.Keys).ToArray();
        await RunningService.WaitUntil(() => service.HasExited || (Accounted(folders, all).Count == all.Length && !Directory.EnumerateFileSystemEntries(folders.Inbox).Any()
            && !Directory.EnumerateFiles(folders.Work).Any() && !File.Exists(folders.RefreshPending)), "every entry ingested or quarantined", 300);
        var elapsed = clock.Elapsed;

        Assert.False(service.HasExited, $"the service exited with {(service.HasExited ? service.ExitCode : 0)}:\n{service.Log}");
        var outcomes = Accounted(folders, all);
        var reports = Directory.GetFiles(folders.Quarantine, "*.error.txt");
        Assert.All(reports, r => Assert.True(new FileInfo(r).Length > 0, $"{r} is empty"));
        var goodQuarantined = corpus.Files.Where(f => f.Value.StartsWith("good", StringComparison.Ordinal) && outcomes[f.Key] == "quarantined").Select(f => f.Key).ToArray();
        Assert.Empty(goodQuarantined);
        Assert.Empty(FilesHolding(data, HostileCorpus.Secret));
        Assert.False(File.Exists("/tmp/statsingest-zip-slip.txt"));
        Assert.True(File.Exists(Path.Combine(folders.Out, "latest.xlsx")));
        _ = new WorkbookContent(Path.Combine(folders.Out, "latest.xlsx"));
        var unexpected = service.Log.Split('\n').Count(l => l.Contains("failed unexpectedly", StringComparison.Ordinal));

        var summary = Summary(corpus, outcomes, unexpected, elapsed);
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "hostile-tallies.txt"), summary + Environment.NewLine);
        Assert.Equal(0, service.Terminate());
        Assert.True(unexpected == 0, summary + "\n" + service.Log);
    }

    /// <summary>What became of each entry: "ingested"/"duplicate" from the deliveries, "quarantined" when its report is there.</summary>
    private static Dictionary<string, string> Accounted(DataFolders folders, IEnumerable<string> names)
    {
        var delivered = File.Exists(folders.DatabasePath) ? StoreProbe.Outcomes(folders) : [];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (File.Exists(Path.Combine(folders.Quarantine, name + ".error.txt")))
            {
                result[name] = "quarantined";
            }
            else if (delivered.TryGetValue(name, out var outcome))
            {
                result[name] = outcome;
            }
        }

        return result;
    }

    private static void MakeSpecial(string path, string how)
    {
        switch (how)
        {
            case "fifo":
                using (var p = Process.Start("mkfifo", [path]))
                {
                    p.WaitForExit();
                }

                break;
            case "folder":
                Directory.CreateDirectory(path);
                File.WriteAllText(Path.Combine(path, "inside.csv"), "not read");
                break;
            default:
                File.CreateSymbolicLink(path, how["link:".Length..]);
                break;
        }
    }

    private static string[] FilesHolding(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => FileKinds.Of(f) == FileKind.Regular && !f.EndsWith(".statsingest.lock", StringComparison.Ordinal) && File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0)
            .ToArray();
    }

    private static string Summary(HostileCorpus corpus, Dictionary<string, string> outcomes, int unexpected, TimeSpan elapsed)
    {
        var byOutcome = outcomes.GroupBy(o => o.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var kinds = corpus.Files.Select(f => (f.Value, Outcome: outcomes.GetValueOrDefault(f.Key, "?")))
            .Concat(corpus.Specials.Select(s => (Value: s.Value.Split(':')[0], Outcome: outcomes.GetValueOrDefault(s.Key, "?"))))
            .GroupBy(k => k.Value).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"\n  {g.Key}: {string.Join(", ", g.GroupBy(x => x.Outcome).Select(o => $"{o.Count()} {o.Key}"))}");
        return $"hostile corpus: {corpus.Files.Count + corpus.Specials.Count} entries in {elapsed.TotalSeconds:0} s → {string.Join(", ", byOutcome)}; " +
               $"failed unexpectedly {unexpected}; the service stayed up{string.Concat(kinds)}";
    }
}
