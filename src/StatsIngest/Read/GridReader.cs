namespace StatsIngest.Read;

/// <summary>Chooses the reader by the file's extension.</summary>
public static class GridReader
{
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".csv", ".txt", ".xlsx", ".xlsm", ".xls" };

    public static RawGrid Read(string path, string? displayName = null)
    {
        var name = displayName ?? Path.GetFileName(path);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".csv" or ".txt" => CsvGridReader.Read(path, name),
            ".xlsx" or ".xlsm" or ".xls" => ExcelGridReader.Read(path, name),
            _ => throw new GridReadException(
                $"Expected a .csv, .xlsx or .xls file, found a file with the extension '{ext}'."),
        };
    }
}
