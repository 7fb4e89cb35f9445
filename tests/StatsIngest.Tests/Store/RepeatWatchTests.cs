using StatsIngest.Store;

namespace StatsIngest.Tests.Store;

/// <summary>
/// What the order of a file's rows alone tells about repeats: period after period or series after series, each key
/// once, vouches that none repeats; anything else — a key twice in a block, a block that opens again, rows in neither
/// order, more keys than the watch holds — leaves the search for repeats to the store.
/// </summary>
public class RepeatWatchTests
{
    private static readonly string[] Periods = ["2023-01", "2023-02", "2023-03", "2023-04"];

    private static RepeatWatch Watch(IEnumerable<(long Series, string Period)> rows)
    {
        var watch = new RepeatWatch();
        foreach (var (series, period) in rows)
        {
            watch.Add(series, period);
        }

        return watch;
    }

    private static IEnumerable<(long, string)> PeriodAfterPeriod() =>
        from p in Periods from s in Enumerable.Range(1, 50) select ((long)s, p);

    private static IEnumerable<(long, string)> SeriesAfterSeries() =>
        from s in Enumerable.Range(1, 50) from p in Periods select ((long)s, p);

    [Fact]
    public void Rows_period_after_period_or_series_after_series_each_once_may_not_repeat()
    {
        Assert.False(Watch(PeriodAfterPeriod()).MayRepeat);
        Assert.False(Watch(SeriesAfterSeries()).MayRepeat);
        Assert.False(Watch([]).MayRepeat);
    }

    [Fact]
    public void A_key_given_twice_in_its_block_may_repeat()
    {
        Assert.True(Watch(PeriodAfterPeriod().Append((50L, "2023-04"))).MayRepeat);
        Assert.True(Watch(SeriesAfterSeries().Append((50L, "2023-01"))).MayRepeat);
    }

    [Fact]
    public void A_block_that_opens_again_may_repeat_even_with_new_keys()
    {
        // Period 2023-01 again after 2023-04, with a series it did not have: no repeat, but nothing vouches for it.
        Assert.True(Watch(PeriodAfterPeriod().Append((99L, "2023-01")).Append((99L, "2023-05"))).MayRepeat);
    }

    [Fact]
    public void Rows_in_neither_order_may_repeat()
    {
        // Each key once, but series 1 and period 2023-01 both come back after another block.
        (long, string)[] shuffled = [(1, "2023-01"), (1, "2023-02"), (2, "2023-01"), (1, "2023-03")];

        Assert.True(Watch(shuffled).MayRepeat);
    }

    [Fact]
    public void A_block_of_more_keys_than_the_watch_holds_leaves_the_search_to_the_store()
    {
        var oneBigPeriod = Enumerable.Range(0, RepeatWatch.MaxKeys + 1).Select(s => ((long)s, "2023-01"));
        var justFits = Enumerable.Range(0, RepeatWatch.MaxKeys).Select(s => ((long)s, "2023-01"));

        Assert.True(Watch(oneBigPeriod).MayRepeat);
        Assert.False(Watch(justFits).MayRepeat);
    }
}
