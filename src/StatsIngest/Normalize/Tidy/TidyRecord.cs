using StatsIngest.Messages;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tidy;

/// <summary>
/// The cells of one record of the canonical table — a row, or a column when transposed — collecting located problems.
/// A field is a column of a row (a row of a column when transposed); the header says which field holds what. One
/// instance reads every record of a table in turn (<see cref="Start"/>): a table of millions of rows makes none per row.
/// </summary>
internal sealed class TidyRecord(string sheet, TidyHeader header, List<Problem> problems)
{
    private int _record;
    private IReadOnlyList<RawCell> _cells = [];

    public int ErrorCount { get; private set; }

    /// <summary>Reads the record <paramref name="number"/> (its row, or its column when transposed) from here on.</summary>
    public TidyRecord Start(int number, IReadOnlyList<RawCell> recordCells)
    {
        _record = number;
        _cells = recordCells;
        ErrorCount = 0;
        return this;
    }

    public int? RowOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? field : _record) : null;

    public int? ColumnOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? _record : field) : null;

    public string Text(CanonicalColumn c) => Cell(c)?.Text ?? string.Empty;

    /// <summary>Whether the field holds a number (a workbook's cell typed as one), not text.</summary>
    public bool IsNumber(CanonicalColumn c) => Cell(c)?.Value is double;

    private RawCell? Cell(CanonicalColumn c)
    {
        var field = header.FieldOf(c);
        if (field == 0)
        {
            return null;
        }

        for (var i = 0; i < _cells.Count; i++) // by index: a foreach over the interface boxes an enumerator, and this runs per field of every row
        {
            var cell = _cells[i];
            if ((header.Transposed ? cell.Row : cell.Column) == field)
            {
                return cell;
            }
        }

        return null;
    }

    public string Reference(CanonicalColumn c) =>
        CellReference.ToA1(RowOf(c) ?? (header.Transposed ? 0 : _record), ColumnOf(c) ?? (header.Transposed ? _record : 0));

    public void Error(CanonicalColumn c, Msg expected)
    {
        ErrorCount++;
        problems.Add(Problem.Error(expected, sheet, RowOf(c) ?? (header.Transposed ? null : _record), ColumnOf(c) ?? (header.Transposed ? _record : null), Text(c)));
    }

    public void Warning(CanonicalColumn c, Msg message) =>
        problems.Add(Problem.Warning(message, sheet, RowOf(c) ?? (header.Transposed ? null : _record), ColumnOf(c) ?? (header.Transposed ? _record : null), Text(c)));
}
