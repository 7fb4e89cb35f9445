using System.Globalization;

namespace StatsIngest.Read;

public static class CellReference
{
    /// <summary>Excel's last column (XFD): no reader places a cell past it.</summary>
    public const int MaxColumn = 16_384;

    /// <summary>The column letters of a 1-based column (1 → A, 27 → AA).</summary>
    public static string ColumnLetters(int column)
    {
        var letters = string.Empty;
        while (column > 0)
        {
            var rem = (column - 1) % 26;
            letters = (char)('A' + rem) + letters;
            column = (column - 1) / 26;
        }

        return letters;
    }

    public static string ToA1(int row, int column) =>
        ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>"B12" → (12, 2).</summary>
    public static (int Row, int Column) FromA1(string reference)
    {
        var column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetterUpper(reference[i]))
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
            i++;
        }

        return (int.Parse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture), column);
    }
}
