using Microsoft.Extensions.Time.Testing;
using StatsIngest.Collect;
using StatsIngest.Ingest;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Ingest;

/// <summary>
/// A file a passing fault keeps in work/ (a store locked for hours, a share gone) was tried every
/// Inbox:DeferredRetrySeconds for as long as the fault lasted, each try a warning in the log: its waits now double from
/// that setting up to an hour, as a failing refresh's do — counted in its claim record, so that a restart keeps them;
/// a service that stopped while reading it does not count, and a file leaving work/ takes its count along.
/// </summary>
public class DeferredRetryTests
{
    [Fact]
    public void Each_deferral_in_a_row_doubles_the_wait_before_the_file_is_tried_again_up_to_an_hour()
    {
        using var tmp = new TempFolder();
        var folders = new DataFolders(tmp.Path).EnsureCreated();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var work = new WorkArea(folders, clock);
        string Dropped()
        {
            File.WriteAllText(tmp.File("a.csv"), "地区,指标\n");
            return tmp.File("a.csv");
        }

        var claimed = work.Claim(Dropped(), ClaimMode.Move);

        Assert.Null(work.RetryAt(claimed, 60)); // never tried: due now
        work.BeginAttempt(claimed);
        work.EndAttempt(claimed, done: false, deferred: true);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), work.RetryAt(claimed, 60));

        clock.Advance(TimeSpan.FromSeconds(60));
        work.BeginAttempt(claimed);
        work.EndAttempt(claimed, done: false, deferred: true);
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), work.RetryAt(claimed, 60));

        work.BeginAttempt(claimed);
        work.EndAttempt(claimed, done: false); // the service stopping: not a deferral
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), work.RetryAt(claimed, 60));

        for (var i = 0; i < 10; i++)
        {
            work.BeginAttempt(claimed);
            work.EndAttempt(claimed, done: false, deferred: true);
        }

        Assert.Equal(clock.GetUtcNow().AddHours(1), work.RetryAt(claimed, 60));
        Assert.Equal(clock.GetUtcNow().AddHours(2), work.RetryAt(claimed, 7200)); // a setting above the hour is its own cap
        Assert.Equal(clock.GetUtcNow().AddHours(1), new WorkArea(folders, clock).RetryAt(claimed, 60)); // after a restart
        Assert.Equal(0, work.Attempts(claimed));

        work.BeginAttempt(claimed);
        work.EndAttempt(claimed, done: true);
        var again = work.Claim(Dropped(), ClaimMode.Move);
        work.BeginAttempt(again);
        work.EndAttempt(again, done: false, deferred: true);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), work.RetryAt(again, 60));
    }
}
