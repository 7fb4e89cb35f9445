using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>The limit every cell is held to as it is read, streamed or not: its length (Limits:MaxCellCharacters), with where it was passed.</summary>
internal static class CellCount
{
    public static void CheckLength(ReadLimits limits, string sheet, int row, int column, int length)
    {
        if (length > limits.MaxCellCharacters)
        {
            throw GridReadException.OverLimit(Msg.Of(
                "Sheet '{sheet}' has a cell of {length} characters, more than {limit} (Limits:MaxCellCharacters), at cell {cell}; it was not read further. If the file is genuine, raise the limit in config/appsettings.json.",
                ("sheet", sheet), ("length", length), ("limit", limits.MaxCellCharacters), ("cell", CellReference.ToA1(row, column))));
        }
    }
}
