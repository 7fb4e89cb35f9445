using System.Data.Common;
using StatsIngest.Collections;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Read;

namespace StatsIngest.Store;

/// <summary>
/// One file's observations on their way into the store, inside the caller's transaction: staged as they come (each
/// database its fastest way: <see cref="SqliteStaging"/>, <see cref="Postgres.PostgresStaging"/>) into a temporary table
/// <c>incoming</c> (seq, series_id, period, value, unit, status, provenance…) with the series new to the store in
/// <c>new_series</c>; then — once the file is read — checked for a series and period given twice with different values,
/// and inserted as one set: a series new to the store directly, any other compared with the latest vintage of its
/// period (a value that did not change adds nothing). A staging may write rows of new series earlier, while the file
/// is read, and keep only the others in <c>incoming</c> (<see cref="StagedKeys"/>, <see cref="KeepFlushed"/>: SQLite's
/// first loads). Nothing is held per observation in memory.
/// </summary>
internal abstract class FileStaging(DbConnection connection, DbTransaction transaction) : IDisposable
{

    private bool _sealed;

    /// <summary>How many observations were staged (a series and period given twice counts twice).</summary>
    public int Staged { get; protected set; }

    protected DbConnection Connection => connection;

    protected DbTransaction Transaction => transaction;

    /// <summary>
    /// Whether rows may be written into <c>observations</c> while the file is read (a first load's, see
    /// <see cref="KeepFlushed"/>); not for a trial that is never committed.
    /// </summary>
    public bool WritesEarly { get; set; } = true;

    /// <summary>The file's id when the staging already wrote rows under it (the commit completes that row of <c>files</c>).</summary>
    public virtual long? ReservedFileId => null;

    /// <summary>Stages an observation. A series and period given twice is found by <see cref="Conflicts"/>.</summary>
    public abstract void Add(Observation o);

    /// <summary>The cells that give a series and period this file already gave with another value (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<Problem> Conflicts(int max)
    {
        Seal();
        using var cmd = Sql.Command(connection, transaction, """
            SELECT i.sheet, i.cell, i.raw_text, f.sheet, f.cell, f.raw_text, s.indicator, s.region, s.industry, s.basis, s.measure, i.period
            FROM repeated d
            JOIN incoming i ON i.series_id = d.series_id AND i.period = d.period AND i.seq <> d.first
            JOIN incoming f ON f.seq = d.first
            JOIN series s ON s.id = i.series_id
            WHERE NOT (i.value IS NOT DISTINCT FROM f.value AND i.unit = f.unit)
            ORDER BY i.seq LIMIT @max
            """).With("@max", max);
        using var r = cmd.ExecuteReader();
        var problems = new List<Problem>();
        while (r.Read())
        {
            var cell = CellReference.FromA1(r.GetString(1));
            var key = $"{r.GetString(6)}.{r.GetString(7)}.{r.GetString(8)}.{r.GetString(9)}.{r.GetString(10)}";
            problems.Add(Problem.Error(
                Msg.Of("This cell gives {series} {period} as {text}, but {cell} gives '{earlier}' for the same series and period. Expected one value per series and period in a file.",
                    ("series", key), ("period", r.GetString(11)), ("text", $"'{r.GetString(2)}'"), ("cell", $"{r.GetString(3)}!{r.GetString(4)}"), ("earlier", r.GetString(5))),
                r.GetString(0), cell.Row, cell.Column, r.GetString(2)));
        }

        return problems;
    }

    /// <summary>
    /// Inserts, in the order staged and the first of each series and period only, the observations of series new to the
    /// store, and the others whose value, unit or status differ from the latest vintage of their series and period
    /// (within one file's readings when <paramref name="lineage"/> is given, which also withdraws what the reading no longer
    /// gives: <see cref="Withdraw"/>); returns how many were added and withdrawn.
    /// </summary>
    public (int Added, int Withdrawn) Finish(long fileId, long? lineage)
    {
        Seal();
        var flushed = KeepFlushed();
        using var insert = Sql.Command(connection, transaction, $"""
            INSERT INTO observations (series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT i.series_id, i.period, i.value, i.unit, i.status, @file, i.sheet, i.cell, i.raw_text, i.label, i.flags, i.unit_factor
            FROM incoming i
            WHERE {(flushed.UpTo == 0 ? string.Empty : "i.seq > @flushed AND ")}NOT EXISTS (SELECT 1 FROM repeated d WHERE d.series_id = i.series_id AND d.period = i.period AND d.first <> i.seq)
              AND (i.series_id IN (SELECT id FROM new_series) OR NOT EXISTS (
                SELECT 1 FROM observations l WHERE l.id = (
                    SELECT o.id FROM observations o JOIN files f ON f.id = o.file_id
                    WHERE o.series_id = i.series_id AND o.period = i.period AND o.file_id <> @file
                      {(lineage is null ? string.Empty : $"AND {ObservationStore.VintageOrder} = @lineage")}
                    ORDER BY {ObservationStore.VintageOrder} DESC, o.file_id DESC, o.id DESC LIMIT 1)
                  AND l.value IS NOT DISTINCT FROM i.value AND l.unit = i.unit AND l.status = i.status))
            ORDER BY i.seq
            """).With("@file", fileId);
        if (lineage is not null)
        {
            insert.With("@lineage", lineage);
        }

        if (flushed.UpTo != 0)
        {
            insert.With("@flushed", flushed.UpTo);
        }

        var added = flushed.Kept + insert.ExecuteNonQuery();
        var withdrawn = lineage is null ? 0 : Withdraw(fileId, lineage.Value);
        Reset();
        return (added, withdrawn);
    }

    /// <summary>
    /// A new reading of a file (<paramref name="lineage"/> its first vintage): the values the file's readings gave that
    /// this one does not — a label now mapped, a row now read as another series — withdrawn in the file's place, a row
    /// of no value (status M, no text read) flagged withdrawn that names the cell the value came from; a later file's
    /// value stays the latest. Without it, a value misread stayed the latest after the reading was corrected.
    /// </summary>
    private int Withdraw(long fileId, long lineage)
    {
        using var withdraw = Sql.Command(connection, transaction, $"""
            INSERT INTO observations (series_id, period, value, unit, status, file_id, sheet, cell, raw_text, label, flags, unit_factor)
            SELECT l.series_id, l.period, NULL, l.unit, 'M', @file, l.sheet, l.cell, '', l.label,
                   CASE WHEN l.flags = '' THEN 'withdrawn' ELSE l.flags || ',withdrawn' END, l.unit_factor
            FROM (SELECT MAX(o.id) AS id FROM observations o JOIN files f ON f.id = o.file_id
                  WHERE {ObservationStore.VintageOrder} = @lineage AND o.file_id <> @file GROUP BY o.series_id, o.period) k
            JOIN observations l ON l.id = k.id
            WHERE l.flags NOT LIKE '%withdrawn%' AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.series_id = l.series_id AND i.period = l.period)
            ORDER BY l.id
            """).With("@file", fileId).With("@lineage", lineage);
        return withdraw.ExecuteNonQuery();
    }

    /// <summary>
    /// The observations staged, read back in the order read, the first of each series and period only — what a commit
    /// would take — with <paramref name="file"/> as their file (validate's trial, which prints them and commits nothing).
    /// </summary>
    internal IEnumerable<Observation> Rows(StoreDatabase database, (string Name, string Sha256) file)
    {
        Seal();
        // In the positions of ObservationColumns.List (no id, no file yet: 0), then the series' key.
        using var r = database.Query(connection, transaction, """
            SELECT 0, i.series_id, i.period, i.value, i.unit, i.status, 0, i.sheet, i.cell, i.raw_text, i.label, i.flags, i.unit_factor,
                   s.indicator, s.region, s.industry, s.basis, s.measure
            FROM incoming i JOIN series s ON s.id = i.series_id
            WHERE NOT EXISTS (SELECT 1 FROM repeated d WHERE d.series_id = i.series_id AND d.period = i.period AND d.first <> i.seq)
            ORDER BY i.seq
            """, []);
        var keys = new Dictionary<long, SeriesKey>();
        var columns = new ObservationColumns();
        while (r.Read())
        {
            var key = keys.GetOrAdd(r.Int64(1), _ => ObservationColumns.Key(r, 13));
            yield return columns.Read(r, key, file, 0, default);
        }
    }

    /// <summary>How many distinct series and periods were staged (the file's observations, each once).</summary>
    public int Distinct()
    {
        Seal();
        return Staged - (int)Sql.Int64(connection, transaction, "SELECT COALESCE(SUM(n - 1), 0) FROM repeated");
    }

    public abstract void Dispose();

    /// <summary>Makes <c>incoming</c> (indexed by series, period and seq) and <c>new_series</c> complete for the set queries.</summary>
    protected abstract void Complete();

    /// <summary>
    /// Where the keys (seq, series_id, period) of every row staged are: <c>incoming</c>, unless the staging wrote rows
    /// into <c>observations</c> while the file was read — rows of series new to the store, so that no other query
    /// needs them but for a series and period given twice, which <see cref="Sealed"/> brings back into <c>incoming</c>
    /// (the comparison and <see cref="Withdraw"/> ask about series the store had).
    /// </summary>
    protected virtual string StagedKeys => "incoming";

    /// <summary>Whether the rows staged may give a series and period twice (false: <c>repeated</c> is made empty without looking).</summary>
    protected virtual bool MayRepeat => true;

    /// <summary>Called once <c>repeated</c> is made, before the set queries run: <c>incoming</c> is then to hold every row staged that gives a series and period twice.</summary>
    protected virtual void Sealed()
    {
    }

    /// <summary>Empties the staging after the insert, <c>repeated</c> dropped.</summary>
    protected abstract void Clear();

    /// <summary>
    /// The rows the staging already wrote into <c>observations</c> while the file was read — those staged up to
    /// <c>UpTo</c> (by seq; 0 when none), of which <c>Kept</c> stay once a later repeat of a series and period is removed.
    /// </summary>
    protected virtual (long UpTo, int Kept) KeepFlushed() => (0, 0);

    /// <summary>Ends the staging of rows (the set queries call it; a commit calls it before it asks anything else of the connection).</summary>
    public void Seal()
    {
        if (!_sealed)
        {
            Complete();

            // The series and periods the file gives more than once, each with its first row and how often: one aggregate
            // over the staging for the conflict check, the count and the insert, which then join against (usually) nothing
            // instead of looking up each row.
            Sql.Execute(connection, transaction, $"""
                CREATE TEMP TABLE repeated AS
                SELECT series_id, period, MIN(seq) AS first, COUNT(*) AS n FROM {StagedKeys} k {(MayRepeat ? string.Empty : "WHERE 0 = 1 ")}GROUP BY series_id, period HAVING COUNT(*) > 1
                """);
            Sealed();
            _sealed = true;
        }
    }

    private void Reset()
    {
        Clear();
        _sealed = false;
    }
}
