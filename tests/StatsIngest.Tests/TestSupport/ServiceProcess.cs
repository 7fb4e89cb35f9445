using System.Diagnostics;
using System.Globalization;
using System.Text;
using StatsIngest.Cli;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// The real program as its own process (`statsingest run` on a data folder of the test), its output kept, so a test can
/// signal it, kill it and read its exit code as systemd would.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private ServiceProcess(Process process) => _process = process;

    /// <summary>Starts `statsingest run --data DATA` with a short quiet period, no samples and <paramref name="settings"/> (--Section:Key=value).</summary>
    public static ServiceProcess Start(string data, params string[] settings)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            typeof(StatsIngestCli).Assembly.Location, "run", "--data", data, "--Data:SeedSamples=false",
            "--Inbox:QuietPeriodSeconds=0.2", "--Inbox:RescanIntervalSeconds=1", "--Service:ShutdownTimeoutSeconds=20", .. settings,
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var service = new ServiceProcess(Process.Start(psi)!);
        service._process.OutputDataReceived += (_, e) => service.Append(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Waits until the service logged that it watches its inbox (SIGTERM before that would kill it like any process).</summary>
    public Task Started() => RunningService.WaitUntil(() => Log.Contains("Watching", StringComparison.Ordinal) || HasExited, "the service started");

    /// <summary>SIGTERM, as systemd stops it; returns the exit code.</summary>
    public int Terminate() => Signal("TERM");

    /// <summary>SIGKILL: the process dies at once, wherever it is.</summary>
    public int Kill() => Signal("KILL");

    /// <summary>Waits for the process to end by itself; returns the exit code.</summary>
    public int WaitForExit(double seconds = 30)
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(seconds)), $"the service ended within {seconds} s:\n{Log}");
        _process.WaitForExit(); // the output read to its end
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private int Signal(string signal)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        return WaitForExit();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
