using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// Reads a web page saved under an Excel name — what many statistics portals and office systems export as ".xls" — as
/// Excel opens one: every table of the page (not one inside another's cell) on one sheet, one above the other with an
/// empty row between; the headings just before a table and its caption as rows above it, the paragraphs after it (its
/// notes) below; a cell spanning rows or columns a merged range with its text in its first cell. Parsed with AngleSharp
/// (HTML5; no script run, nothing fetched), the bytes decoded as a CSV's are (a byte order mark, strict UTF-8,
/// GB18030), the page within Limits:MaxHtmlMegabytes and a nesting depth (<see cref="MaxDepth"/>).
/// </summary>
public static partial class HtmlGridReader
{
    public const string SheetName = "HTML";

    /// <summary>HTML's own bounds of a span (colspan ≤ 1000, rowspan ≤ 65534).</summary>
    private const int MaxColumnSpan = 1000;
    private const int MaxRowSpan = 65_534;

    /// <summary>How deep elements may nest: HTML5's tree building takes time growing with the square of the depth (misnested formatting elements).</summary>
    private const int MaxDepth = 500;

    /// <summary>Elements without an end tag, or whose end tag may be left out (the parser closes them): they add no depth.</summary>
    private static readonly HashSet<string> Flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "colgroup",
        "caption", "html", "head", "body",
    };

    /// <summary><see cref="Flat"/> looked up by a tag's name as it stands in the page (no string made per tag).</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FlatNames = Flat.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A table's row and cell tags: what begins again at the table's depth.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RowOrCell =
        new HashSet<string>(["tr", "td", "th"], StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public static GridSource Open(string path, string displayName, ReadLimits limits, CancellationToken cancel)
    {
        var size = new FileInfo(path).Length;
        if (size > limits.MaxHtmlMegabytes * 1024 * 1024)
        {
            throw GridReadException.OverLimit(Msg.Of("The web page is {size} MB, more than {limit} MB (Limits:MaxHtmlMegabytes); it was not read.",
                ("size", (size / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)), ("limit", limits.MaxHtmlMegabytes)));
        }

        var detected = TextEncodingDetector.Detect(path);
        var bytes = File.ReadAllBytes(path);
        var text = detected.Encoding.GetString(bytes, detected.BomLength, bytes.Length - detected.BomLength);
        if (DeeperThan(text, MaxDepth) is { } at)
        {
            throw new GridReadException(Msg.Of(
                "The web page nests its elements more than {limit} deep (at character {offset}); a page of tables is a few dozen deep, and one this deep takes the HTML parser minutes. It was not read.",
                ("limit", MaxDepth), ("offset", at)));
        }

        var document = new HtmlParser().ParseDocument(text);
        cancel.ThrowIfCancellationRequested();
        var (rows, merges) = Layout(document, limits);
        return new GridSource(displayName, "html", detected.Name, source => Sheet(source, rows, merges, limits));
    }

    private static IEnumerable<SheetStream> Sheet(GridSource source, List<List<RawCell>> rows, List<MergedRange> merges, ReadLimits limits)
    {
        source.Notices.Add("html", new ReadWarning(Msg.Of("This file is a web page (HTML) saved with an Excel name, as some web sites export tables; its tables were read as Excel opens them, one above the other on one sheet."), SheetName));
        yield return new SheetStream(SheetName, rows, limits, () => merges);
    }

    /// <summary>The page's tables laid out on one sheet: the rows (each its non-empty cells) and the merged ranges.</summary>
    private static (List<List<RawCell>> Rows, List<MergedRange> Merges) Layout(IDocument document, ReadLimits limits)
    {
        var rows = new List<List<RawCell>>();
        var merges = new List<MergedRange>();
        foreach (var table in document.QuerySelectorAll("table").OfType<IHtmlTableElement>().Where(t => t.ParentElement?.Closest("table") is null))
        {
            if (rows.Count > 0)
            {
                rows.Add([]); // an empty row between two tables
            }

            AddLines(rows, Titles(table), limits);
            PlaceRows(table, rows, merges, limits);
            AddLines(rows, Notes(table), limits);
        }

        return (rows, merges);
    }

    /// <summary>Each element's text as a row of one cell (in column A); one with no text adds no row.</summary>
    private static void AddLines(List<List<RawCell>> rows, IEnumerable<IElement> lines, ReadLimits limits)
    {
        foreach (var text in lines.Select(Text).Where(t => t.Length > 0))
        {
            rows.Add([new RawCell(rows.Count + 1, 1, Checked(limits, text, rows.Count + 1, 1), null)]);
        }
    }

    /// <summary>
    /// What is written above a table: the headings just before it (up to three, back to the previous table) — paragraphs
    /// too when no table comes before it (a paragraph after a table is that table's note) — then its caption.
    /// </summary>
    private static IEnumerable<IElement> Titles(IHtmlTableElement table)
    {
        var before = Siblings(table, e => e.PreviousElementSibling).ToList();
        if (Siblings(table, e => e.PreviousElementSibling, all: true).Any(e => e is IHtmlTableElement))
        {
            before.RemoveAll(e => e is IHtmlParagraphElement); // the note of the table before
        }

        before.Reverse();
        return table.Caption is { } caption ? [.. before, caption] : before;
    }

    /// <summary>The paragraphs just after a table (up to three, up to the next table): its notes (注：…), below it.</summary>
    private static IEnumerable<IElement> Notes(IHtmlTableElement table) =>
        Siblings(table, e => e.NextElementSibling).Where(e => e is IHtmlParagraphElement);

    /// <summary>The headings and paragraphs with text beside a table in one direction, up to three, stopping at a table (or, with <paramref name="all"/>, every sibling).</summary>
    private static IEnumerable<IElement> Siblings(IHtmlTableElement table, Func<IElement, IElement?> step, bool all = false)
    {
        var found = 0;
        for (var e = step(table); e is not null; e = step(e))
        {
            if (all)
            {
                yield return e;
                continue;
            }

            if (e is IHtmlTableElement || found == 3)
            {
                yield break;
            }

            if (e is IHtmlHeadingElement or IHtmlParagraphElement && Text(e).Length > 0)
            {
                found++;
                yield return e;
            }
        }
    }

    /// <summary>Places a table's rows below those already laid out, each cell in the first column its row leaves free.</summary>
    private static void PlaceRows(IHtmlTableElement table, List<List<RawCell>> rows, List<MergedRange> merges, ReadLimits limits)
    {
        var spans = new List<(int ToRow, int FromColumn, int ToColumn)>(); // cells from rows above reaching into the next ones, by first column
        foreach (var tr in table.Rows)
        {
            var row = rows.Count + 1;
            var cells = new List<RawCell>();
            var column = 1;
            spans.RemoveAll(s => s.ToRow < row);
            foreach (var td in tr.Cells)
            {
                column = FreeColumn(spans, row, column);
                if (column > CellReference.MaxColumn)
                {
                    throw new GridReadException(Msg.Of("The web page's table is wider than Excel's {limit} columns, at row {row} of the sheet; it was not read.", ("limit", CellReference.MaxColumn), ("row", row)));
                }

                var (across, down) = (Math.Clamp(td.ColumnSpan, 1, MaxColumnSpan), Math.Clamp(td.RowSpan, 1, MaxRowSpan));
                if (Text(td) is { Length: > 0 } text)
                {
                    cells.Add(new RawCell(row, column, Checked(limits, text, row, column), null));
                }

                if (across > 1 || down > 1)
                {
                    merges.Add(new MergedRange(row, column, row + down - 1, column + across - 1));
                    var at = spans.FindIndex(s => s.FromColumn > column);
                    spans.Insert(at < 0 ? spans.Count : at, (row + down - 1, column, column + across - 1));
                }

                column += across;
            }

            rows.Add(cells);
        }
    }

    /// <summary>
    /// The first column from <paramref name="column"/> on that no cell of a row above spans into, in one pass over the
    /// spans (kept in the order of their first column; those reaching this row never overlap) — not a pass again after
    /// each move, which spans placed right to left would make quadratic in the spans a row meets.
    /// </summary>
    private static int FreeColumn(List<(int ToRow, int FromColumn, int ToColumn)> spans, int row, int column)
    {
        foreach (var s in spans)
        {
            if (s.ToRow >= row && s.FromColumn <= column && column <= s.ToColumn)
            {
                column = s.ToColumn + 1;
            }
        }

        return column;
    }

    /// <summary>
    /// Where the elements first nest deeper than <paramref name="max"/> (a character offset), counting start tags less end
    /// tags of the elements that have both (<see cref="Flat"/> ones left out); null when they never do. As the parser does,
    /// a table's row or cell begins again at the table's depth (what a sloppy cell left open is closed there). A count, not a
    /// parse: comments and scripts are not told apart, which can only make a hostile page look deeper.
    /// </summary>
    private static int? DeeperThan(string text, int max)
    {
        var depth = 0;
        var tables = new Stack<int>(); // the depth inside each table open
        for (var at = text.IndexOf('<'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('<', at + 1))
        {
            var closing = text[at + 1] == '/';
            var start = at + (closing ? 2 : 1);
            var end = start;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }

            var name = text.AsSpan(start, end - start);
            if (name.Equals("table", StringComparison.OrdinalIgnoreCase))
            {
                depth = closing ? (tables.Count > 0 ? tables.Pop() - 1 : depth - 1) : depth + 1;
                if (!closing)
                {
                    tables.Push(depth);
                }
            }
            else if (tables.Count > 0 && RowOrCell.Contains(name))
            {
                depth = tables.Peek();
            }
            else if (name.Length > 0 && !FlatNames.Contains(name))
            {
                var close = text.IndexOf('>', end);
                depth += closing ? -1 : close > 0 && text[close - 1] == '/' ? 0 : 1;
            }

            if (depth > max)
            {
                return at;
            }
        }

        return null;
    }

    private static string Checked(ReadLimits limits, string text, int row, int column)
    {
        CellCount.CheckLength(limits, SheetName, row, column, text.Length);
        return text;
    }

    /// <summary>A cell's text as a browser shows it on one line: white space (a non-breaking space too) collapsed, ends trimmed.</summary>
    private static string Text(IElement element) => WhiteSpace().Replace(element.TextContent, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
