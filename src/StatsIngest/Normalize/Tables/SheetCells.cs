using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// A sheet seen as a reader of tables sees it: each cell a value (a number, a growth in words, a missing marker) or a
/// text, years told apart from other numbers, and the rows between two columns.
/// </summary>
public sealed class SheetCells(RawSheet sheet, TableLexicon lexicon)
{
    public RawSheet Sheet { get; } = sheet;

    public TableLexicon Lexicon { get; } = lexicon;

    public Vocabulary Words => Lexicon.Words;

    public int RowCount => Sheet.Rows.Count;

    public bool IsValue(RawCell cell) => IsValue(cell.Text);

    public bool IsValue(string text)
    {
        var v = Words.Values.Parse(text);
        return v.Kind is ValueKind.Number or ValueKind.PercentagePoints || (v.Kind == ValueKind.Missing && text.Trim().Length > 0);
    }

    /// <summary>A year written as a number (2021) — in a header of years, or the stub of a table with years down the rows.</summary>
    public bool IsYear(RawCell cell) =>
        Words.Values.Parse(cell.Text) is { Kind: ValueKind.Number, Number: { } n } && n % 1 == 0 && n is >= 1900 and <= 2100
        && !cell.Text.Contains('.', StringComparison.Ordinal) && !cell.Text.Contains('%', StringComparison.Ordinal);

    /// <summary>The non-empty cells of a row between two columns (inclusive).</summary>
    public IReadOnlyList<RawCell> Cells(int row, int left = 1, int right = int.MaxValue)
    {
        if (row < 1 || row > Sheet.Rows.Count)
        {
            return [];
        }

        var cells = Sheet.Rows[row - 1];
        return cells.Count > 0 && cells[0].Column >= left && cells[^1].Column <= right
            ? cells
            : cells.Where(c => c.Column >= left && c.Column <= right).ToArray();
    }

    public bool IsBlank(int row, int left = 1, int right = int.MaxValue) => Cells(row, left, right).Count == 0;

    /// <summary>
    /// A row of data: two cells or more, one a value at least, and not a header of years (" | 2021 | 2022",
    /// "指标 | 2021 | 2022").
    /// </summary>
    public bool IsDataRow(int row, int left = 1, int right = int.MaxValue)
    {
        var cells = Cells(row, left, right);
        if (cells.Count < 2 || !cells.Any(IsValue))
        {
            return false;
        }

        return !IsYearsHeader(cells) && !Words.IsNote(Label.Fold(cells[0].Text));
    }

    /// <summary>Every value is a year and every other cell names the stub ("年份", "指标") or a period: the header of a table with years as columns.</summary>
    public bool IsYearsHeader(IReadOnlyList<RawCell> cells)
    {
        var values = cells.Where(IsValue).ToArray();
        return values.Length >= 1 && values.All(IsYear)
            && cells.Where(c => !IsValue(c)).All(c => IsStubHeader(c.Text) || PeriodParser.TryParse(c.Text, out _))
            && (values.Length >= 2 || cells.Count == values.Length + 1);
    }

    /// <summary>A header cell that names the stub column below it ("指标", "项目", "年份", "地区" …).</summary>
    public bool IsStubHeader(string? text) => Words.StubHeaders.Whole(text) is not null;

    /// <summary>A GB/T 4754 code as a stub of codes writes it: "06", "39", "C".</summary>
    public bool IsIndustryCode(string text) =>
        text.Length is >= 1 and <= 4 && (text.All(char.IsAsciiDigit) || (text.Length == 1 && char.IsAsciiLetterUpper(text[0])))
        && Lexicon.Codes.Industries.ByCode(text) is not null;

    /// <summary>Text of a cell, or of the merged range it is in (its top-left cell's).</summary>
    public string MergedText(int row, int column) => Sheet.MergedText(row, column);

    public string Text(int row, int column) => Sheet.Cell(row, column)?.Text ?? string.Empty;
}
