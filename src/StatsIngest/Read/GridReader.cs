using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>Chooses the reader by the file's extension.</summary>
public static class GridReader
{
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".csv", ".txt", ".xlsx", ".xlsm", ".xls" };

    /// <summary>The whole file as a grid, every sheet in memory (validate, explain, the tests).</summary>
    public static RawGrid Read(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default)
    {
        using var source = Open(path, displayName, limits, cancel);
        return source.ReadAll();
    }

    /// <summary>The file opened for streaming: its sheets one by one, each row by row.</summary>
    public static GridSource Open(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default)
    {
        var name = displayName ?? Path.GetFileName(path);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        limits ??= ReadLimits.Default;
        var size = new FileInfo(path).Length;
        if (size > limits.MaxFileMegabytes * 1024 * 1024)
        {
            throw GridReadException.OverLimit(Msg.Of("The file is {size} MB, more than {limit} MB (Limits:MaxFileMegabytes); it was not read.",
                ("size", (size / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)), ("limit", limits.MaxFileMegabytes)));
        }

        return ext switch
        {
            ".csv" or ".txt" => CsvGridReader.Open(path, name, limits, cancel),
            _ when IsWorkbookName(ext) => OpenWorkbook(path, name, ext, limits, cancel),
            _ => throw Unsupported(ext),
        };
    }

    /// <summary>
    /// Whether the file is a workbook (.xlsx, .xls), whose reading the summary workbook's writer is warmed beside: an .xls
    /// is opened by reading a whole sheet on one thread before its first row (ExcelDataReader's opening pass: ≈ 1 s for
    /// 100k rows); an .xlsx is read in one pass from its first row (<see cref="XlsxCellReader"/>), and warmed beside all
    /// the same (a 100k-row .xlsx ingest measured no slower with the warm-up than without: medians 4.71 / 4.88 s).
    /// </summary>
    public static bool OpensWholeSheet(string path, string? displayName = null) =>
        IsWorkbookName(Path.GetExtension(displayName ?? path).ToLowerInvariant()) && new FileInfo(path).Length > 0 && FileContents.Of(path) == FileContent.Workbook;

    /// <summary>An extension (lower case) of the names a workbook is opened under.</summary>
    private static bool IsWorkbookName(string extension) => extension is ".xlsx" or ".xlsm" or ".xls";

    /// <summary>
    /// A file named as a workbook: read as one, or as the text table, the web page or the Excel 2003 XML spreadsheet it
    /// holds (Excel opens those too, warning that the name and the content differ).
    /// </summary>
    private static GridSource OpenWorkbook(string path, string name, string extension, ReadLimits limits, CancellationToken cancel) =>
        FileContents.Of(path) switch
        {
            FileContent.Text => CsvGridReader.Open(path, name, limits, cancel, Msg.Of(
                "This file is named {extension} but holds text, a CSV or tab-separated table (as some web sites and systems export under an Excel name); it was read as text.",
                ("extension", extension))),
            FileContent.WebPage => HtmlGridReader.Open(path, name, limits, cancel),
            FileContent.Xml2003 => SpreadsheetMlReader.Open(path, name, limits, cancel),
            _ => ExcelGridReader.Open(path, name, limits, cancel),
        };

    /// <summary>A file in a format not read (.xlsb, .ods, WPS's .et …): which, and how to save it as one that is.</summary>
    private static GridReadException Unsupported(string extension) => new(extension.Length == 0
        ? Msg.Of("Expected a .csv, .xlsx or .xls file, found a file with no extension. If it is a workbook, save it as an Excel workbook (.xlsx) — Excel: File > Save As > Excel Workbook; WPS: 文件 > 另存为 > Excel 文件(*.xlsx); LibreOffice: File > Save As > Excel 2007-365 — and drop that copy.")
        : Msg.Of("Expected a .csv, .xlsx or .xls file, found a file with the extension '{extension}'. If it is a workbook, save it as an Excel workbook (.xlsx) — Excel: File > Save As > Excel Workbook; WPS: 文件 > 另存为 > Excel 文件(*.xlsx); LibreOffice: File > Save As > Excel 2007-365 — and drop that copy.",
            ("extension", extension)));
}
