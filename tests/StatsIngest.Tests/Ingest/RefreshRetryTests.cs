using Microsoft.Extensions.Time.Testing;
using StatsIngest.Ingest;

namespace StatsIngest.Tests.Ingest;

/// <summary>
/// A refresh that keeps failing (a bug, out/ on a disk that stays full) was tried every Inbox:DeferredRetrySeconds
/// for as long as the service ran, with its stack trace each time: the waits now double from that setting up to an hour,
/// and a success starts them over.
/// </summary>
public class RefreshRetryTests
{
    [Fact]
    public void Each_failure_in_a_row_doubles_the_wait_before_the_next_try_up_to_an_hour()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var status = new IngestStatus(clock);

        Assert.Null(status.RefreshRetryAt(60));
        status.Refreshed("IOException: disk full");
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), status.RefreshRetryAt(60));
        status.Refreshed("IOException: disk full");
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), status.RefreshRetryAt(60));
        for (var i = 0; i < 10; i++)
        {
            status.Refreshed("IOException: disk full");
        }

        Assert.Equal((12, clock.GetUtcNow().AddHours(1)), (status.RefreshFailure!.Value.Tries, status.RefreshRetryAt(60)));
        Assert.Equal(clock.GetUtcNow().AddHours(2), status.RefreshRetryAt(7200)); // a setting above the hour is its own cap

        status.Refreshed(null);
        Assert.Null(status.RefreshRetryAt(60));
        status.Refreshed("UnauthorizedAccessException: out/ is read-only");
        Assert.Equal((1, clock.GetUtcNow().AddSeconds(60)), (status.RefreshFailure!.Value.Tries, status.RefreshRetryAt(60)));
    }
}
