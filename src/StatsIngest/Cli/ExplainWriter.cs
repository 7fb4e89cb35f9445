using StatsIngest.Normalize;
using StatsIngest.Normalize.Tables;
using StatsIngest.Read;

namespace StatsIngest.Cli;

/// <summary>
/// <c>validate --explain</c>: for each table, a map of its cells by role and, for every title, header and stub cell,
/// what it was understood to name and why (the code-list entry or the vocabulary word), each column not read and
/// why, and each text nothing explains — the page a user reads to write an alias or a rule.
/// </summary>
internal static class ExplainWriter
{
    private const int GridRows = 40;
    private const int GridColumns = 26;

    public static void Write(TextWriter o, NormalizeResult result)
    {
        foreach (var t in result.Tables)
        {
            if (t.Table is null)
            {
                o.WriteLine($"   explain: sheet '{t.Sheet}': a canonical table ({t.ChosenBy}); header {(t.Tidy!.Transposed ? "down column " + CellReference.ColumnLetters(t.Tidy.Line) : "in row " + t.Tidy.Line)}: " +
                            string.Join(", ", t.Tidy.Columns.OrderBy(c => c.Value).Select(c => $"{(t.Tidy.Transposed ? c.Value : CellReference.ColumnLetters(c.Value))} = {c.Key.ToString().ToLowerInvariant()}")));
                continue;
            }

            WriteTable(o, t, t.Table);
        }
    }

    private static void WriteTable(TextWriter o, TableExplanation e, TableInterpretation t)
    {
        var g = t.Geometry;
        o.WriteLine($"   explain: sheet '{e.Sheet}', table {g.Range}: profile {e.Profile.Name}, {e.ChosenBy}");
        foreach (var m in e.Matches)
        {
            o.WriteLine($"     profile {m.Profile.Name}: " + (m.Fits ? "fits" : "lacks " + string.Join("; ", m.Missing)));
        }

        o.WriteLine("     cells (T title, U unit row, K stub header, H header, S stub, D value, X not stored, G section, N note, . empty):");
        foreach (var line in Grid(t))
        {
            o.WriteLine("       " + line);
        }

        foreach (var c in t.Title)
        {
            o.WriteLine($"     title {c.Reference} '{c.Text}' → {(c.Facts.Why.Count > 0 ? string.Join("; ", c.Facts.Why) : "no period, indicator, region, status or measure in it")}");
        }

        foreach (var (unit, cell) in t.DeclaredUnits)
        {
            o.WriteLine($"     unit row {cell.Reference} '{cell.Text}' → the unit of levels: {unit}");
        }

        foreach (var (column, kind, why) in t.StubKinds)
        {
            o.WriteLine($"     stub column {CellReference.ColumnLetters(column)}: {kind.ToString().ToLowerInvariant()} ({why})");
        }

        WriteHeaders(o, t);
        WriteRows(o, t);
    }

    private static void WriteHeaders(TextWriter o, TableInterpretation t)
    {
        foreach (var group in t.Columns.SelectMany(c => c.Path).GroupBy(p => (p.Row, p.Text, Why: Why(p.Facts))))
        {
            var columns = group.Select(p => p.Column).Order().ToArray();
            var where = columns.Length == 1
                ? CellReference.ToA1(group.Key.Row, columns[0])
                : $"{CellReference.ToA1(group.Key.Row, columns[0])}:{CellReference.ToA1(group.Key.Row, columns[^1])}";
            o.WriteLine($"     header {where} '{group.Key.Text}' → {group.Key.Why}");
        }

        foreach (var c in t.Columns.Where(c => c.NotRead is not null || c.Facts.Skip is not null))
        {
            o.WriteLine($"     column {CellReference.ColumnLetters(c.Column)} not stored: {c.NotRead?.ToString() ?? c.Facts.Skip}");
        }
    }

    private static void WriteRows(TextWriter o, TableInterpretation t)
    {
        foreach (var row in t.Rows)
        {
            switch (row.Role)
            {
                case RowRole.Section:
                    o.WriteLine($"     section row {row.Row} '{row.Label}' → {Why(row.Facts)}");
                    break;
                case RowRole.Note:
                    o.WriteLine($"     note row {row.Row}");
                    break;
                default:
                    foreach (var s in row.Stub)
                    {
                        o.WriteLine($"     stub {s.Reference} '{s.Text}' → {Why(s.Facts)}{(row.Facts.Subset ? " [a part of the row above]" : string.Empty)}");
                    }

                    break;
            }
        }
    }

    /// <summary>The reasons of a cell's facts, or why nothing was found.</summary>
    private static string Why(CellFacts f)
    {
        var reasons = string.Join("; ", f.Why);
        var left = f.Unexplained.Length > 0 ? $" (not understood: '{f.Unexplained}')" : string.Empty;
        return f.Ambiguous is not null ? "AMBIGUOUS: " + f.Ambiguous
            : reasons.Length > 0 ? reasons + left
            : f.Text.Length == 0 ? "empty" : $"NOTHING KNOWN: no code-list entry, no vocabulary word{left}";
    }

    private static string Why(PathFacts f)
    {
        var parts = new List<string>();
        if (f.Period is { } p)
        {
            parts.Add("period " + p.Describe());
        }

        if (f.Indicator is { } i)
        {
            parts.Add("indicator " + i);
        }

        if (f.Region is { } r)
        {
            parts.Add("region " + r);
        }

        return parts.Count == 0 ? "a section heading (its rows keep their own labels)" : string.Join(", ", parts) + " for the rows below";
    }

    /// <summary>The table's first rows and columns, one letter a cell by its role.</summary>
    private static IEnumerable<string> Grid(TableInterpretation t)
    {
        var g = t.Geometry;
        var roles = Roles(t);
        var right = Math.Min(g.Right, g.Left + GridColumns - 1);
        yield return "     " + string.Concat(Enumerable.Range(g.Left, right - g.Left + 1).Select(c => CellReference.ColumnLetters(c).PadRight(3)));
        for (var r = g.Top; r <= Math.Min(g.Bottom, g.Top + GridRows - 1); r++)
        {
            var row = r;
            yield return row.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4) + " "
                         + string.Concat(Enumerable.Range(g.Left, right - g.Left + 1).Select(c => (roles.GetValueOrDefault((row, c), g.Sheet.Cell(row, c) is null ? '.' : '?')).ToString().PadRight(3)));
        }

        if (g.Bottom > g.Top + GridRows - 1 || g.Right > right)
        {
            yield return "     … (the first " + GridRows + " rows and " + GridColumns + " columns)";
        }
    }

    private static Dictionary<(int Row, int Column), char> Roles(TableInterpretation t)
    {
        var g = t.Geometry;
        var roles = new Dictionary<(int, int), char>();
        foreach (var c in g.Preamble)
        {
            roles[(c.Row, c.Column)] = UnitText.Declaration(c.Text) is null ? 'T' : 'U';
        }

        foreach (var h in t.StubHeaders)
        {
            roles[(h.Row, h.Column)] = 'K';
        }

        foreach (var p in t.Columns.SelectMany(c => c.Path))
        {
            roles[(p.Row, p.Column)] = 'H';
        }

        var notStored = t.Columns.Where(c => c.NotRead is not null || c.Facts.Skip is not null).Select(c => c.Column).ToHashSet();
        foreach (var row in t.Rows)
        {
            foreach (var cell in g.Cells.Cells(row.Row, g.Left, g.Right))
            {
                roles[(row.Row, cell.Column)] = row.Role switch
                {
                    RowRole.Note => 'N',
                    RowRole.Section => 'G',
                    _ when g.StubColumns.Contains(cell.Column) => 'S',
                    _ when notStored.Contains(cell.Column) || row.Facts.Skip is not null => 'X',
                    _ => 'D',
                };
            }
        }

        return roles;
    }
}
