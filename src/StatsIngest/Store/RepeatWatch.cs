namespace StatsIngest.Store;

/// <summary>
/// Vouches, from the order of a file's rows alone, that no series and period comes twice — so that a big file's
/// staging need not look for repeats among all its rows (a pass over an index of every row). Files come in one of two
/// orders: period after period (a canonical panel, a long table) or series after series (a wide table read row by row).
/// Each order is watched as blocks: the rows of one period, then of the next…; a block's keys must differ, and a block
/// closed must not open again. Memory stays bounded: a watch that would hold more than <see cref="MaxKeys"/> keys
/// gives up (as it does at the first row out of its order), and a repeat is then looked for the usual way.
/// </summary>
internal sealed class RepeatWatch
{
    /// <summary>How many keys a watch holds at most (a block's, and the blocks closed) before it gives up.</summary>
    internal const int MaxKeys = 100_000;

    private readonly Blocks<string, long> _byPeriod = new();
    private readonly Blocks<long, string> _bySeries = new();

    /// <summary>Whether a series and period may have come twice (false: the rows seen so far give each once).</summary>
    public bool MayRepeat => !_byPeriod.Vouches && !_bySeries.Vouches;

    /// <param name="period">The period's code, the same string for the same period (a file's periods are formatted once each).</param>
    public void Add(long seriesId, string period)
    {
        _byPeriod.Add(period, seriesId);
        _bySeries.Add(seriesId, period);
    }

    private sealed class Blocks<TBlock, TKey>
        where TBlock : notnull
        where TKey : notnull
    {
        private readonly HashSet<TBlock> _closed = [];
        private readonly HashSet<TKey> _keys = [];
        private TBlock? _block;
        private bool _started;

        public bool Vouches { get; private set; } = true;

        public void Add(TBlock block, TKey key)
        {
            if (!Vouches)
            {
                return;
            }

            if (!_started || !EqualityComparer<TBlock>.Default.Equals(block, _block))
            {
                if (_started)
                {
                    _closed.Add(_block!);
                }

                if (_closed.Contains(block))
                {
                    GiveUp();
                    return;
                }

                (_block, _started) = (block, true);
                _keys.Clear();
            }

            if (!_keys.Add(key) || _keys.Count + _closed.Count > MaxKeys)
            {
                GiveUp();
            }
        }

        private void GiveUp()
        {
            Vouches = false;
            _keys.Clear();
            _keys.TrimExcess();
            _closed.Clear();
            _closed.TrimExcess();
        }
    }
}
