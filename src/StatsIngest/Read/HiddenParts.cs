using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// The rows and columns a workbook hides that hold values, collected while a sheet is read. They are read — a filter
/// hides rows of the published table, an office hides the columns it does not print — and said once per sheet, since
/// one may hold a draft.
/// </summary>
internal sealed class HiddenParts
{
    private const int Named = 10;
    private readonly List<int> _rows = [];
    private readonly SortedSet<int> _columns = [];

    /// <summary>Notes a row's cells: the row when it is hidden, each cell's column that is.</summary>
    public void Look(int row, bool rowHidden, IReadOnlyList<RawCell> cells, Func<int, bool> columnHidden)
    {
        if (cells.Count == 0)
        {
            return;
        }

        if (rowHidden)
        {
            _rows.Add(row);
        }

        foreach (var cell in cells)
        {
            if (columnHidden(cell.Column))
            {
                _columns.Add(cell.Column);
            }
        }
    }

    /// <summary>Says the sheet's hidden rows and columns that hold values, when any does.</summary>
    public void Say(ReadWarnings notices, string sheet)
    {
        if (_rows.Count == 0 && _columns.Count == 0)
        {
            return;
        }

        var parts = _rows.Take(Named).Select(r => Msg.Of("row {row}", ("row", r)))
            .Concat(_rows.Count > Named ? [Msg.Of("… {count} rows in all", ("count", _rows.Count))] : [])
            .Concat(_columns.Select(c => Msg.Of("column {column}", ("column", CellReference.ColumnLetters(c)))));
        notices.Add("hidden-parts:" + sheet, new ReadWarning(Msg.Of(
            "Hidden in the workbook, and read as the others: {parts}. A filter hides rows of a table and an office hides the columns it does not print; if one of these holds a draft or working figures, delete it and drop the file again.",
            ("parts", Msg.List(parts))), sheet));
    }
}
