using System.Globalization;

namespace StatsIngest.Read;

/// <summary>Counts a sheet's rows and cells as they are read and refuses past the limits, naming the limit, its setting and where it was passed.</summary>
internal sealed class CellCount(ReadLimits limits, string sheet)
{
    private long _cells;

    public void Row(int row, CancellationToken cancel)
    {
        if ((row & 0x3FF) == 0)
        {
            cancel.ThrowIfCancellationRequested();
        }

        if (row > limits.MaxRows)
        {
            throw Refuse(row, null, $"more than {limits.MaxRows} rows (Limits:MaxRows)");
        }
    }

    public void Cell(int row, int column, int length)
    {
        if (++_cells > limits.MaxCellsPerSheet)
        {
            throw Refuse(row, column, $"more than {limits.MaxCellsPerSheet} cells (Limits:MaxCellsPerSheet)");
        }

        if (length > limits.MaxCellCharacters)
        {
            throw Refuse(row, column, string.Create(CultureInfo.InvariantCulture, $"a cell of {length} characters, more than {limits.MaxCellCharacters} (Limits:MaxCellCharacters)"));
        }
    }

    private GridReadException Refuse(int row, int? column, string what) =>
        new($"Sheet '{sheet}' has {what}, at {(column is { } c ? "cell " + CellReference.ToA1(row, c) : "row " + row.ToString(CultureInfo.InvariantCulture))}; it was not read further. If the file is genuine, raise the limit in config/appsettings.json.");
}
