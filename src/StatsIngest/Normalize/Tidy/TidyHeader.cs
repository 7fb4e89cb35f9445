using StatsIngest.Normalize.Lexicon;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tidy;

/// <summary>
/// Where the canonical table's header is: the row (or, in a transposed table, the column) naming the most canonical
/// columns, and which column (row) holds each.
/// </summary>
public sealed record TidyHeader(int Line, IReadOnlyDictionary<CanonicalColumn, int> Columns, bool Transposed)
{
    private const int SearchLines = 20;

    public bool IsComplete => TidyTableReader.Required.All(Columns.ContainsKey);

    /// <summary>The field of each canonical column by its number, 0 when the header has none: looked up for every field of every record.</summary>
    private int[] Fields => field ??= Enum.GetValues<CanonicalColumn>().Select(c => Columns.GetValueOrDefault(c)).ToArray();

    /// <summary>The field (column, or row when transposed) holding <paramref name="column"/>, 0 when none does.</summary>
    public int FieldOf(CanonicalColumn column) => Fields[(int)column];

    /// <summary>Headers naming a canonical column already named further left (up): the first is read, these are not.</summary>
    public IReadOnlyList<(CanonicalColumn Column, int Kept, int Ignored)> Repeated { get; init; } = [];

    public static TidyHeader Find(RawSheet sheet, Vocabulary words)
    {
        var rows = Best(sheet.Rows.Take(SearchLines).Select((cells, i) => (i + 1, cells.Select(c => (c.Column, c.Text)))), words, false);
        if (rows.IsComplete)
        {
            return rows;
        }

        var byColumn = sheet.Rows.SelectMany(r => r).GroupBy(c => c.Column).Where(g => g.Key <= SearchLines)
            .Select(g => (g.Key, g.Select(c => (c.Row, c.Text))));
        var columns = Best(byColumn, words, true);
        return columns.IsComplete ? columns : rows;
    }

    private static TidyHeader Best(IEnumerable<(int Line, IEnumerable<(int Position, string Text)> Cells)> lines, Vocabulary words, bool transposed)
    {
        var best = new TidyHeader(1, new Dictionary<CanonicalColumn, int>(), transposed);
        foreach (var (line, cells) in lines)
        {
            var columns = new Dictionary<CanonicalColumn, int>();
            var repeated = new List<(CanonicalColumn, int, int)>();
            foreach (var (position, text) in cells)
            {
                if (words.TidyColumn(text) is { } col && !columns.TryAdd(col, position))
                {
                    repeated.Add((col, columns[col], position));
                }
            }

            if (columns.Count > best.Columns.Count)
            {
                best = new TidyHeader(line, columns, transposed) { Repeated = repeated };
            }
        }

        return best;
    }
}
