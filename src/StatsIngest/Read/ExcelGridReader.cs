using System.Globalization;
using System.Text;
using ExcelDataReader;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Reads .xlsx with <see cref="XlsxCellReader"/> (one pass over each sheet's XML) and legacy .xls (BIFF8) with
/// ExcelDataReader, streaming sheet by sheet and row by row, using the values Excel cached for formula cells (formulas
/// are never evaluated). A cell holding an error value (#DIV/0!, #N/A …), which ExcelDataReader gives as empty, is put
/// back with its error text (found by the inspection of an .xlsx, and by <see cref="XlsInspection"/> in an .xls's
/// records), so it is warned about, not lost. An .xlsx can still be read with ExcelDataReader behind the inspection
/// (<c>excelDataReader: true</c>): the reference the one-pass reader is tested and benchmarked against.
/// </summary>
public static class ExcelGridReader
{
    static ExcelGridReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The whole workbook as a grid (for validate and the tests); the service streams it with <see cref="Open"/>.</summary>
    /// <param name="excelDataReader">An .xlsx read with ExcelDataReader rather than <see cref="XlsxCellReader"/> (which reads it in one pass instead of three, the same cells): for the test that compares the two.</param>
    public static RawGrid Read(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default, bool excelDataReader = false)
    {
        using var source = Open(path, displayName, limits, cancel, excelDataReader);
        return source.ReadAll();
    }

    public static GridSource Open(string path, string? displayName = null, ReadLimits? limits = null, CancellationToken cancel = default, bool excelDataReader = false)
    {
        limits ??= ReadLimits.Default;
        var name = displayName ?? Path.GetFileName(path);
        var stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        string? copy = null;
        try
        {
            if (stream.Length == 0)
            {
                throw new GridReadException(Msg.Of("Expected an Excel workbook, found an empty file (0 bytes)."));
            }

            var format = Path.GetExtension(path).Equals(".xls", StringComparison.OrdinalIgnoreCase) ? "xls" : "xlsx";
            var zip = IsZip(stream);
            if (!zip && XlsInspection.IsEncryptedPackage(path))
            {
                throw Encrypted("EncryptedPackage");
            }

            if (format == "xlsx" && zip && StrictPackage.IsStrict(stream))
            {
                // Read through its transitional copy (ExcelDataReader sees no sheet in a strict package): the same cells.
                copy = StrictPackage.TransitionalCopy(stream, limits);
                stream.Dispose();
                path = copy;
                stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            }

            if (format == "xlsx" && zip && !excelDataReader)
            {
                var (sheets, zipped) = XlsxCellReader.Open(path, limits, cancel);
                return new GridSource(name, format, null, source => Strict(source, copy is not null, sheets(source)), new Owned(zipped, stream, copy));
            }

            var (reader, errorCells) = format == "xlsx" && zip
                ? OpenInspected(path, stream, limits, cancel)
                : (Guard(path, () => ExcelReaderFactory.CreateReader(stream)), XlsInspection.ErrorCells(path));
            return new GridSource(name, format, null,
                source => Strict(source, copy is not null, Sheets(source, reader, path, errorCells, limits, cancel)), new Owned(reader, stream, copy));
        }
        catch
        {
            stream.Dispose();
            if (copy is not null)
            {
                File.Delete(copy);
            }

            throw;
        }
    }

    /// <summary>
    /// Opens an .xlsx while it is inspected on another thread (ExcelDataReader reads the whole sheet to open it, the
    /// inspection reads it too): the reader never reads a byte the inspection has not read (<see cref="InspectionGate"/>),
    /// and when the inspection refuses the file, its refusal is the one reported, as if it had run first.
    /// </summary>
    private static (IExcelDataReader Reader, IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>> ErrorCells) OpenInspected(
        string path, Stream stream, ReadLimits limits, CancellationToken cancel)
    {
        var gate = new InspectionGate();
        var inspection = Task.Run(() =>
        {
            try
            {
                var found = XlsxInspection.Check(path, limits, gate.Saw);
                gate.Finish(failed: false);
                return found;
            }
            catch
            {
                gate.Finish(failed: true);
                throw;
            }
        }, CancellationToken.None);

        IExcelDataReader? reader = null;
        try
        {
            reader = Guard(path, () => ExcelReaderFactory.CreateReader(new WatchedStream(stream, before: (at, count) => gate.WaitFor(at, count, cancel))));
            return (reader, inspection.GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            reader?.Dispose();
            _ = inspection.GetAwaiter().GetResult(); // the inspection's refusal, when there is one, comes first
            throw;
        }
    }

    /// <summary>The sheets, said to be read through a transitional copy when the workbook is strict.</summary>
    private static IEnumerable<SheetStream> Strict(GridSource source, bool strict, IEnumerable<SheetStream> sheets)
    {
        if (strict)
        {
            source.Notices.Add("strict", new ReadWarning(Msg.Of("The workbook was saved as Strict Open XML Spreadsheet; it was read through a copy under the usual (transitional) namespaces, its sheets and cells unchanged.")));
        }

        return sheets;
    }

    private static IEnumerable<SheetStream> Sheets(GridSource source, IExcelDataReader reader, string path,
        IReadOnlyDictionary<string, IReadOnlyList<(int Row, int Column, string Error)>>? errorCells, ReadLimits limits, CancellationToken cancel)
    {
        var index = 0;
        do
        {
            var name = reader.Name ?? string.Create(CultureInfo.InvariantCulture, $"Sheet{++index}");
            if (reader.VisibleState is "hidden" or "veryhidden")
            {
                source.Notices.Add("hidden:" + name, Hidden(name));
                continue;
            }

            var errors = (errorCells?.GetValueOrDefault(name) ?? []).ToLookup(e => e.Row, e => (e.Column, e.Error));
            yield return new SheetStream(name, Rows(source, reader, path, name, errors, limits, cancel), limits, () => Merges(reader), readAhead: true);
        }
        while (Guard(path, reader.NextResult));
    }

    private static IEnumerable<IReadOnlyList<RawCell>> Rows(GridSource source, IExcelDataReader reader, string path, string sheet,
        ILookup<int, (int Column, string Error)> errors, ReadLimits limits, CancellationToken cancel)
    {
        var row = 0;
        var formats = new NumberFormats();
        var hidden = new HiddenParts();
        bool[]? hiddenColumns = null; // ExcelDataReader gives a hidden row a height of 0, a hidden column a width of 0
        Func<int, bool> columnHidden = c => c <= hiddenColumns!.Length && hiddenColumns[c - 1]; // made once, as read
        Func<bool> read = reader.Read; // made once: a delegate of an interface's method costs ≈ 0.35 µs to make, each row
        while (Guard(path, read))
        {
            row++;
            if ((row & 0x3FF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }

            var cells = Cells(source.Notices, reader, formats, sheet, row, errors[row], limits);
            if (cells.Count > 0)
            {
                hiddenColumns ??= Enumerable.Range(0, Math.Min(reader.FieldCount, CellReference.MaxColumn)).Select(i => reader.GetColumnWidth(i) == 0).ToArray();
                hidden.Look(row, reader.RowHeight == 0, cells, columnHidden);
            }

            yield return cells;
        }

        hidden.Say(source.Notices, sheet);
    }

    private static List<RawCell> Cells(ReadWarnings warnings, IExcelDataReader reader, NumberFormats formats, string sheet, int row, IEnumerable<(int Column, string Error)> errors, ReadLimits limits)
    {
        var columns = Math.Min(reader.FieldCount, CellReference.MaxColumn);
        var cells = new List<RawCell>(Math.Min(columns, 64));
        for (var i = 0; i < columns; i++)
        {
            var value = reader.GetValue(i);
            var text = value is double or DateTime ? formats.Text(value, reader, i) : CellValues.Text(value);
            if (Cell(warnings, value, text, sheet, row, i + 1, limits) is { } cell)
            {
                cells.Add(cell);
            }
        }

        foreach (var (column, error) in errors)
        {
            PutBack(cells, row, column, error);
        }

        return cells;
    }

    /// <summary>A cell of a workbook from its value and the text it shows: none when blank; its length held to the limit, its control characters removed.</summary>
    internal static RawCell? Cell(ReadWarnings warnings, object? value, string text, string sheet, int row, int column, ReadLimits limits)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        CellCount.CheckLength(limits, sheet, row, column, text.Length);
        var clean = warnings.Clean(text, sheet, row, column);
        return string.IsNullOrWhiteSpace(clean) ? null : new RawCell(row, column, clean.TrimEnd(), value is string ? clean : value);
    }

    /// <summary>
    /// Puts back an error value or a formula never computed, which the cell reader gives as empty (or as the placeholder
    /// 0 of a workbook calculated on opening), where it was.
    /// </summary>
    internal static void PutBack(List<RawCell> cells, int row, int column, string error)
    {
        if (error.Length == 0)
        {
            return;
        }

        Place(cells, new RawCell(row, column, error, error));
    }

    /// <summary>Places a cell in its row, in the order of the columns, in place of one in its column (a cell written twice is the later).</summary>
    internal static void Place(List<RawCell> cells, RawCell cell)
    {
        if (cells.Count > 0 && cells[^1].Column >= cell.Column)
        {
            cells.RemoveAll(c => c.Column == cell.Column);
            cells.Add(cell);
            cells.Sort((a, b) => a.Column.CompareTo(b.Column));
            return;
        }

        cells.Add(cell);
    }

    /// <summary>
    /// A sheet the workbook hides is not what its publisher shows (working data, a draft, the lists behind a drop-down):
    /// it is not read, and that is said, with how to have it read.
    /// </summary>
    internal static ReadWarning Hidden(string sheet) => new(Msg.Of(
        "This sheet is hidden in the workbook and was not read (a hidden sheet holds working data, a draft or the lists behind a drop-down, not what is published). To have it read, unhide it (Excel, WPS: right-click a sheet tab > Unhide) and drop the file again."), sheet);

    private static IReadOnlyList<MergedRange> Merges(IExcelDataReader reader) =>
        (reader.MergeCells ?? []).Select(m => new MergedRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1)).ToArray();

    /// <summary>Runs a step of the reader; a failure of the file's content becomes a located refusal.</summary>
    internal static T Guard<T>(string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ExcelDataReader.Exceptions.InvalidPasswordException ex)
        {
            throw Encrypted("FILEPASS", ex);
        }
        catch (Exception ex) when (ex is not GridReadException and not OperationCanceledException and not OutOfMemoryException and not InsufficientExecutionStackException)
        {
            throw new GridReadException(Msg.Of(
                "Expected an Excel workbook (.xlsx or .xls), but the file could not be opened as one: {error} The file starts with the bytes {bytes}.",
                ("error", ex.Message), ("bytes", FirstBytes(path))), ex);
        }
    }

    /// <summary>A workbook with a password to open: no password is asked for, so what to do is to save it without one.</summary>
    /// <param name="found">What says so: the encrypted package's stream (an .xlsx) or the record (an .xls).</param>
    private static GridReadException Encrypted(string found, Exception? inner = null)
    {
        var text = Msg.Of(
            "The workbook is encrypted with a password to open (found: its {found} part); it can not be read without the password. Expected a workbook saved without one: save a copy without the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it; WPS: 文件 > 文档加密 > 密码加密, clear it) and drop that copy.",
            ("found", found));
        return inner is null ? new GridReadException(text) : new GridReadException(text, inner);
    }

    private static bool IsZip(Stream stream)
    {
        var head = new byte[4];
        var n = stream.Read(head, 0, 4);
        stream.Position = 0;
        return n == 4 && head[0] == 'P' && head[1] == 'K';
    }

    private static string FirstBytes(string path)
    {
        var buffer = new byte[8];
        using var s = File.OpenRead(path);
        var n = s.Read(buffer, 0, buffer.Length);
        return Convert.ToHexString(buffer, 0, n) + (n == 0 ? "(none)" : string.Empty);
    }

    /// <summary>What a source holds open: the reader, the file, and the transitional copy of a strict workbook (deleted).</summary>
    private sealed class Owned(IDisposable reader, Stream stream, string? copy) : IDisposable
    {
        public void Dispose()
        {
            reader.Dispose();
            stream.Dispose();
            if (copy is not null)
            {
                File.Delete(copy);
            }
        }
    }
}
