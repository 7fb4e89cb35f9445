using StatsIngest.Read;

namespace StatsIngest.Normalize.Tidy;

/// <summary>The cells of one record of the canonical table (a row, or a column when transposed), collecting located problems.</summary>
internal sealed class TidyRecord(RawSheet sheet, int record, TidyHeader header, List<Problem> problems)
{
    public int ErrorCount { get; private set; }

    public int? RowOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? field : record) : null;

    public int? ColumnOf(CanonicalColumn c) => header.Columns.TryGetValue(c, out var field) ? (header.Transposed ? record : field) : null;

    public string Text(CanonicalColumn c) =>
        RowOf(c) is { } row && ColumnOf(c) is { } column ? sheet.Cell(row, column)?.Text ?? string.Empty : string.Empty;

    public string Reference(CanonicalColumn c) =>
        CellReference.ToA1(RowOf(c) ?? (header.Transposed ? 0 : record), ColumnOf(c) ?? (header.Transposed ? record : 0));

    public void Error(CanonicalColumn c, string expected)
    {
        ErrorCount++;
        problems.Add(Problem.Error(expected, sheet.Name, RowOf(c) ?? (header.Transposed ? null : record), ColumnOf(c) ?? (header.Transposed ? record : null), Text(c)));
    }

    public void Warning(CanonicalColumn c, string message) =>
        problems.Add(Problem.Warning(message, sheet.Name, RowOf(c) ?? (header.Transposed ? null : record), ColumnOf(c) ?? (header.Transposed ? record : null), Text(c)));
}
