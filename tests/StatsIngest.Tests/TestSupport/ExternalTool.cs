using System.Diagnostics;

namespace StatsIngest.Tests.TestSupport;

/// <summary>A program of the machine the tests call as a second reader (LibreOffice, pdftotext, R): found on the PATH, run to its end.</summary>
public static class ExternalTool
{
    /// <summary>The program's path on the PATH, or null when it is not installed.</summary>
    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs the program with its arguments (each passed as one) within <paramref name="minutes"/>; its exit code and output.</summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args, double minutes = 3)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(minutes)), $"{Path.GetFileName(program)} finished within {minutes} minutes");
        return (p.ExitCode, stdout, stderr.Result);
    }
}
