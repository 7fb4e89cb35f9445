using StatsIngest.Cli;

namespace StatsIngest.Tests.TestSupport;

/// <summary>The command line run in this process: its exit code, what it printed and what it said on stderr.</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args) => RunIn(null, args);

    /// <summary>The same with another content root (a copy of config/ changed for the test, see <see cref="TempFolder.CopyConfig"/>).</summary>
    public static (int Code, string Out, string Err) RunIn(string? contentRoot, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = StatsIngestCli.Run(args, stdout, stderr, contentRoot);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
