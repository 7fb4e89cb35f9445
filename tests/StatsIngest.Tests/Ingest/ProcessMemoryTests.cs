using System.Runtime.InteropServices;
using StatsIngest.Ingest;

namespace StatsIngest.Tests.Ingest;

public sealed class ProcessMemoryTests
{
    [Fact]
    public void Memory_is_given_back_without_touching_what_is_in_use_and_on_linux_with_glibc_the_c_heap_is_trimmed_too()
    {
        var kept = new byte[4 << 20];
        kept[^1] = 7;
        var garbage = Enumerable.Range(0, 10_000).Select(i => new string('x', i % 100)).ToList();
        garbage.Clear();

        var trimmed = ProcessMemory.Release();

        Assert.Equal(7, kept[^1]);
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        Assert.Equal(glibc, trimmed);
    }
}
