using System.Text.RegularExpressions;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Architecture;

/// <summary>
/// Data flows one way: collect → read → normalize → store → compute → report, with ingest (a file's run through them),
/// monitoring, hosting and the command line at the edge. A folder may use the folders before it in that order and
/// never one after it, so no two folders depend on each other.
/// </summary>
public partial class FlowDirectionTests
{
    private static readonly string[] Flow = ["Collect", "Read", "Normalize", "Store", "Compute", "Report", "Ingest", "Monitoring", "Hosting", "Cli"];

    [Fact]
    public void No_folder_reaches_forward_in_the_flow()
    {
        var source = Path.Combine(SourceTree.Root(), "src", "StatsIngest");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var folder = Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar)[0];
            var rank = Array.IndexOf(Flow, folder);
            if (rank < 0)
            {
                continue; // Program.cs: the entry point composes everything
            }

            var text = File.ReadAllText(file);
            foreach (var used in References(text).Where(u => Array.IndexOf(Flow, u) > rank))
            {
                violations.Add($"{Path.GetRelativePath(source, file)} uses {used}, which comes after {folder} in the flow");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    /// <summary>
    /// The store, the computation and the report know nothing of how files arrive: what they share with collection
    /// (a source's state, late files) is a Domain type, and a folder they write to is given by the host.
    /// </summary>
    [Fact]
    public void Store_compute_and_report_use_nothing_of_collection()
    {
        var source = Path.Combine(SourceTree.Root(), "src", "StatsIngest");
        var violations = new[] { "Store", "Compute", "Report" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(source, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => References(File.ReadAllText(file)).Contains("Collect"))
            .Select(file => Path.GetRelativePath(source, file) + " uses Collect")
            .ToArray();

        Assert.True(violations.Length == 0, string.Join("\n", violations));
    }

    private static IEnumerable<string> References(string text) =>
        UsingOrQualified().Matches(text).Select(m => m.Groups["f"].Value)
            .Concat(Partial().Matches(text).Select(m => m.Groups["f"].Value))
            .Where(f => Flow.Contains(f)).Distinct();

    [GeneratedRegex(@"\bStatsIngest\.(?<f>[A-Z]\w*)")]
    private static partial Regex UsingOrQualified();

    // "Collect.Deadlines" written inside namespace StatsIngest.X: a folder's namespace, not a member access.
    [GeneratedRegex(@"(?<![\w.])(?<f>Collect|Read|Normalize|Store|Compute|Report|Ingest|Monitoring|Hosting|Cli)\.[A-Z]\w*")]
    private static partial Regex Partial();
}
