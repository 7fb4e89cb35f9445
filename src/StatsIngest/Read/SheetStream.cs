using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// One sheet as its reader gives it: rows one by one, in one pass. Its first rows are buffered (<see cref="Head"/>) so a
/// reader can see the header before deciding how to read the rest: a canonical table is read row by row and never held
/// in memory; any other table is taken whole (<see cref="Materialize"/>) within Limits:MaxRows and
/// Limits:MaxCellsPerSheet.
/// </summary>
public sealed class SheetStream
{
    public const int HeadRows = 30;

    private readonly IEnumerator<IReadOnlyList<RawCell>> _rows;
    private readonly Func<IReadOnlyList<MergedRange>> _merges;
    private readonly ReadLimits _limits;
    private readonly bool _readAhead;
    private bool _taken;

    /// <param name="readAhead">Whether the rows after the head are read on a thread of their own (<see cref="ReadAhead"/>): for a reader whose rows cost much to read.</param>
    public SheetStream(string name, IEnumerable<IReadOnlyList<RawCell>> rows, ReadLimits limits, Func<IReadOnlyList<MergedRange>>? merges = null, bool readAhead = false)
    {
        Name = name;
        _readAhead = readAhead;
        _limits = limits;
        _merges = merges ?? (() => []);
        _rows = rows.GetEnumerator();
        var head = new List<IReadOnlyList<RawCell>>();
        while (head.Count < HeadRows && _rows.MoveNext())
        {
            head.Add(_rows.Current);
        }

        Head = head;
        RowsRead = head.Count;
        Exhausted = head.Count < HeadRows;
    }

    public string Name { get; }

    /// <summary>The first rows (row i+1 at index i), at most <see cref="HeadRows"/>.</summary>
    public IReadOnlyList<IReadOnlyList<RawCell>> Head { get; }

    /// <summary>How many rows have been read so far (all of them once the sheet was read to its end).</summary>
    public int RowsRead { get; private set; }

    private bool Exhausted { get; set; }

    /// <summary>The rows after the head, in one pass (row <see cref="HeadRows"/>+1 first).</summary>
    public IEnumerable<IReadOnlyList<RawCell>> Rest()
    {
        Take();
        return Exhausted ? [] : _readAhead ? RestAhead() : RestHere();
    }

    private IEnumerable<IReadOnlyList<RawCell>> RestHere()
    {
        while (_rows.MoveNext())
        {
            RowsRead++;
            yield return _rows.Current;
        }

        Exhausted = true;
    }

    private IEnumerable<IReadOnlyList<RawCell>> RestAhead()
    {
        var ahead = new ReadAhead(_rows);
        var start = RowsRead;
        try
        {
            foreach (var row in ahead.Rows())
            {
                RowsRead++;
                yield return row;
            }

            Exhausted = true;
        }
        finally
        {
            ahead.Dispose();
            RowsRead = start + ahead.Pulled; // rows read ahead and not taken were read all the same
        }
    }

    /// <summary>The whole sheet in memory, refused past Limits:MaxRows and Limits:MaxCellsPerSheet.</summary>
    public RawSheet Materialize()
    {
        var rows = new List<IReadOnlyList<RawCell>>();
        long cells = 0;
        var widest = 0;
        foreach (var row in Head.Concat(Rest()))
        {
            rows.Add(row);
            widest = row.Count == 0 ? widest : Math.Max(widest, row.Max(c => c.Column));
            if (rows.Count > _limits.MaxRows)
            {
                throw Refuse(Msg.Of("more than {limit} rows (Limits:MaxRows), at row {row}", ("limit", _limits.MaxRows), ("row", rows.Count)));
            }

            if ((cells += row.Count) > _limits.MaxCellsPerSheet)
            {
                var passing = row[(int)(row.Count - (cells - _limits.MaxCellsPerSheet))];
                throw Refuse(Msg.Of("more than {limit} cells (Limits:MaxCellsPerSheet), at cell {cell}", ("limit", _limits.MaxCellsPerSheet), ("cell", passing.Reference)));
            }
        }

        RefuseScattered(rows.Count, widest, cells);
        return new RawSheet(Name, rows, _merges());
    }

    /// <summary>
    /// Refuses a sheet whose few cells are scattered over more positions than Limits:MaxCellsPerSheet (under one in a
    /// hundred filled): a published table's layout is found and read position by position, and a web page of 3,000
    /// cells each spanning the rows below (a diagonal of 6,000 cells over 3,000 × 3,000 positions) took half a minute.
    /// </summary>
    private void RefuseScattered(int rows, int widest, long cells)
    {
        var positions = (long)rows * widest;
        if (positions > _limits.MaxCellsPerSheet && cells * 100 < positions)
        {
            throw Refuse(Msg.Of("{cells} cells scattered over {range} ({positions} positions, more than Limits:MaxCellsPerSheet, {limit}, to look through for so few cells)",
                ("cells", cells), ("range", $"A1:{CellReference.ToA1(rows, widest)}"), ("positions", positions), ("limit", _limits.MaxCellsPerSheet)));
        }
    }

    /// <summary>Reads what is left without keeping it — of a sheet nobody read, or read only in part — so the next sheet can be reached.</summary>
    public void Finish()
    {
        _taken = true;
        while (!Exhausted && _rows.MoveNext())
        {
            RowsRead++;
        }

        Exhausted = true;
    }

    private void Take()
    {
        if (_taken)
        {
            throw new InvalidOperationException($"The rows of sheet '{Name}' are read once.");
        }

        _taken = true;
    }

    private GridReadException Refuse(Msg what) =>
        GridReadException.OverLimit(Msg.Of("Sheet '{sheet}' has {what}; it was not read further (a canonical table is read row by row and is held to no such limit). If the file is genuine, raise the limit in config/appsettings.json.",
            ("sheet", Name), ("what", what)));
}
