using System.Text;
using ExcelDataReader;

namespace StatsIngest.Tests.TestSupport;

/// <summary>A workbook re-read by a second reader (ExcelDataReader), as values by sheet, row and column (0-based).</summary>
public sealed class WorkbookContent
{
    private readonly Dictionary<string, List<object?[]>> _sheets = new(StringComparer.Ordinal);

    static WorkbookContent() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public WorkbookContent(string path)
    {
        using var stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[i] = reader.GetValue(i);
                }

                rows.Add(row);
            }

            SheetNames.Add(reader.Name);
            _sheets[reader.Name] = rows;
        }
        while (reader.NextResult());
    }

    public List<string> SheetNames { get; } = [];

    public IReadOnlyList<object?[]> Rows(string sheet) => _sheets[sheet];

    /// <summary>The rows of a sheet whose cells contain all the given texts.</summary>
    public IEnumerable<object?[]> RowsWith(string sheet, params string[] texts) =>
        _sheets[sheet].Where(r => texts.All(t => r.Any(c => c is string s && s == t)));

    public int Column(string sheet, string header) =>
        Array.FindIndex(_sheets[sheet][0], c => c is string s && s == header);
}
