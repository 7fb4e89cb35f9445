using System.Globalization;
using System.Text;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Read;

namespace StatsIngest.Ingest;

/// <summary>
/// The plain-words report beside a quarantined file: what was received, what is wrong (sheet, row, column, the text
/// found, what was expected) and what to do — in English, then, with a catalog of the reader's messages
/// (config/messages.json), the same again in Chinese. Bounded: at most the first problems and the first characters of
/// a cell are shown, so a huge bad file gets a readable report, not a huge one.
/// </summary>
public static class QuarantineReport
{
    public const int MaxErrors = 200;
    public const int MaxWarnings = 100;
    public const int MaxProblemCharacters = 3000;

    public static string Write(string name, string sha, long? size, DateTimeOffset received, GridSummary? grid, IReadOnlyList<Problem> problems, Msg? notRead = null, MessageCatalog? chinese = null)
    {
        var lines = Lines(name, sha, size, received, grid, problems, notRead);
        var sb = new StringBuilder();
        Render(sb, lines, MessageCatalog.English);
        if (chinese is not null)
        {
            sb.AppendLine().AppendLine("————————————————————————————————").AppendLine();
            Render(sb, lines, chinese);
        }

        return sb.ToString();
    }

    private static void Render(StringBuilder sb, IEnumerable<Msg?> lines, MessageCatalog catalog)
    {
        foreach (var line in lines)
        {
            sb.AppendLine(line is null ? string.Empty : Cut(line.Render(catalog), MaxProblemCharacters));
        }
    }

    /// <summary>The report's lines (null for an empty line), in no language yet.</summary>
    private static List<Msg?> Lines(string name, string sha, long? size, DateTimeOffset received, GridSummary? grid, IReadOnlyList<Problem> problems, Msg? notRead)
    {
        var lines = new List<Msg?>
        {
            Msg.Of("StatsIngest could not ingest the file '{file}'. Nothing from it was stored.", ("file", name)),
            null,
            Msg.Of("Received:  {time} UTC", ("time", received.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))),
            size is { } s ? Msg.Of("Size:      {bytes} bytes", ("bytes", s)) : Msg.Of("Size:      not read"),
            sha.Length > 0 ? Msg.Of("SHA-256:   {sha}", ("sha", sha)) : Msg.Of("SHA-256:   not computed (the content was not read)"),
        };
        if (grid is not null)
        {
            var sheets = grid.Sheets.Count == 0
                ? Msg.Of("none (the reading stopped within the first sheet's first rows)")
                : Msg.List(grid.Sheets.Take(20).Select(x => Msg.Of("'{sheet}' ({rows} rows)", ("sheet", Cut(x.Name, 60)), ("rows", x.Rows))));
            lines.Add(grid.Encoding is null
                ? Msg.Of("Read as:   {format}, sheets: {sheets}", ("format", grid.Format), ("sheets", sheets))
                : Msg.Of("Read as:   {format}, encoding {encoding}, sheets: {sheets}", ("format", grid.Format), ("encoding", grid.Encoding), ("sheets", sheets)));
        }

        lines.AddRange([null, Msg.Of("What is wrong:")]);
        lines.AddRange(List(problems.Where(p => p.Severity == ProblemSeverity.Error).ToArray(), MaxErrors, (i, p) => Msg.Of("  {n}. {problem}", ("n", i), ("problem", p.ToMsg()))));
        var warnings = problems.Where(p => p.Severity == ProblemSeverity.Warning).ToArray();
        if (warnings.Length > 0)
        {
            lines.AddRange([null, Msg.Of("Also noticed (warnings):")]);
            lines.AddRange(List(warnings, MaxWarnings, (_, p) => Msg.Of("  - {problem}", ("problem", p.ToMsg()))));
        }

        lines.Add(null);
        notRead ??= problems.Where(p => p.Severity == ProblemSeverity.Error).ToArray() is { Length: > 0 } errors && errors.All(p => ValueWarning.IsFormula(p.Text))
            ? Msg.Of("the file holds formulas whose values were never computed (the cells are named above): there is nothing in it to teach StatsIngest. " +
                     "Open it in Excel, WPS or LibreOffice, save it (each formula's value is then stored with it) and drop the saved file into the inbox again.")
            : null;
        lines.Add(notRead is null
            ? Msg.Of("What to do: correct the file, or teach StatsIngest what it did not understand — an alias in config/codelists/ (the code lists), " +
                     "a word in config/codelists/vocabulary.json, or a rule (Layouts:Rules) — and drop the file into the inbox again. " +
                     "`statsingest validate --explain <file>` shows how each cell was understood, without storing anything.")
            : Msg.Of("What to do: {what}", ("what", notRead)));
        return lines;
    }

    /// <summary>
    /// What to do with a file that could not be read as a table at all (there is nothing in it to teach StatsIngest):
    /// save or ask for it again, or — a file over a configured limit — raise the limit if the file is genuine.
    /// </summary>
    public static Msg NotRead(GridReadFailure failure) => failure == GridReadFailure.OverLimit
        ? Msg.Of("the file is larger than a configured limit (named above), which keeps a zip bomb or a runaway export from filling the memory or the disk. " +
                 "If the file is genuine and this machine can hold it, raise that limit in config/appsettings.json (section Limits) and drop the file into the inbox again; " +
                 "otherwise ask its sender for smaller files (a file per year, say).")
        : Msg.Of("the file itself could not be read (what was found is said above), so there is nothing in it to teach StatsIngest yet. " +
                 "Open it in the program that made it, or in Excel, WPS or LibreOffice, save a copy as an Excel workbook (.xlsx) or a CSV (UTF-8) and drop that copy into the inbox; " +
                 "if it opens nowhere, ask its sender for a new copy. `statsingest validate <file>` checks a copy without storing anything.");

    private static IEnumerable<Msg> List(Problem[] problems, int max, Func<int, Problem, Msg> line)
    {
        for (var i = 0; i < Math.Min(problems.Length, max); i++)
        {
            yield return line(i + 1, problems[i]);
        }

        if (problems.Length > max)
        {
            yield return Msg.Of("  … and {count} more of the same kind (`statsingest validate <file>` lists them all).", ("count", problems.Length - max));
        }
    }

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $" … ({text.Length - max} more characters)");
}
