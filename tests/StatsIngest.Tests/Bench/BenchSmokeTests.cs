using System.Diagnostics;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Bench;

/// <summary>
/// bench/run.sh in its smoke mode (10k rows, one run, the Debug build): the script and its baselines keep working.
/// Nothing here asserts on time — the benchmark prints its ratios; this only checks that every row was measured.
/// </summary>
[Trait("Category", "Bench")]
public class BenchSmokeTests
{
    [SkippableFact]
    public void The_benchmark_script_measures_every_job_and_its_baseline_in_smoke_mode()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/time"), "bench/run.sh needs bash and /usr/bin/time (Debian's time package)");
        var root = RepositoryRoot();

        // With a PostgreSQL (.ci/run starts one), the PostgreSQL rows too: a database of the test's, dropped after.
        using var postgres = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.Variable)) ? null : PostgresDatabase.Create();
        var psi = new ProcessStartInfo("bash", [Path.Combine(root, "bench", "run.sh"), "--smoke", .. postgres is null ? Array.Empty<string>() : ["--postgres", postgres.ConnectionString]])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "bench/run.sh --smoke ended within 5 minutes");

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output}\n{errors.Result}");
        var rows = output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| work", StringComparison.Ordinal)).ToArray();
        string[] works = ["ingest 10000 rows, end to end", "validate 10000 rows", "ingest 10000-row .xlsx", "a 168-row monthly file into a store of 10000", "report, store of 10000", "report that writes its workbook, store of 10000", "service, warm: drop → workbook, store of 10000"];
        foreach (var work in postgres is null ? works : [.. works, "ingest 10000 rows into PostgreSQL, end to end", "a 168-row monthly file into a PostgreSQL store of 10000"])
        {
            var measured = rows.Where(r => r.Contains(work, StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(measured);
            Assert.All(measured, row => Assert.Matches(@"\| [0-9.]+ s, [0-9]+ MB \| [a-z-]+: [0-9.]+ s, [0-9]+ MB \| [0-9.]+× \|", row));
        }

        // The BenchmarkDotNet micro benchmarks (parsing, label matching, one sheet, the store's commit, one workbook), once each.
        Assert.Matches(@"micro benchmarks: (1[3-9]|[2-9][0-9]) ran once each", output);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatsIngest.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root (StatsIngest.sln) is not above " + AppContext.BaseDirectory);
    }
}
