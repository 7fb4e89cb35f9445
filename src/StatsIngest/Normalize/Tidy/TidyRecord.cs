using StatsIngest.Messages;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tidy;

/// <summary>
/// The cells of one record of the canonical table — a row, or a column when transposed — collecting located problems.
/// A field is a column of a row (a row of a column when transposed); the header says which field holds what.
/// </summary>
internal sealed class TidyRecord(string sheet, int record, IReadOnlyList<RawCell> cells, TidyHeader header, List<Problem> problems)
{
    public int ErrorCount { get; private set; }

    public int? RowOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? field : record) : null;

    public int? ColumnOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? record : field) : null;

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

        foreach (var cell in cells)
        {
            if ((header.Transposed ? cell.Row : cell.Column) == field)
            {
                return cell;
            }
        }

        return null;
    }

    public string Reference(CanonicalColumn c) =>
        CellReference.ToA1(RowOf(c) ?? (header.Transposed ? 0 : record), ColumnOf(c) ?? (header.Transposed ? record : 0));

    public void Error(CanonicalColumn c, Msg expected)
    {
        ErrorCount++;
        problems.Add(Problem.Error(expected, sheet, RowOf(c) ?? (header.Transposed ? null : record), ColumnOf(c) ?? (header.Transposed ? record : null), Text(c)));
    }

    public void Warning(CanonicalColumn c, Msg message) =>
        problems.Add(Problem.Warning(message, sheet, RowOf(c) ?? (header.Transposed ? null : record), ColumnOf(c) ?? (header.Transposed ? record : null), Text(c)));
}
