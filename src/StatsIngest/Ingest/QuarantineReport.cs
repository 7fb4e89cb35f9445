using System.Globalization;
using System.Text;
using StatsIngest.Normalize;
using StatsIngest.Read;

namespace StatsIngest.Ingest;

/// <summary>
/// The plain-words report beside a quarantined file: what was received, what is wrong (sheet, row, column, the text
/// found, what was expected) and what to do. Bounded: at most the first problems and the first characters of a cell
/// are shown, so a huge bad file gets a readable report, not a huge one.
/// </summary>
public static class QuarantineReport
{
    public const int MaxErrors = 200;
    public const int MaxWarnings = 100;
    public const int MaxProblemCharacters = 3000;

    public static string Write(string name, string sha, long? size, DateTimeOffset received, GridSummary? grid, IReadOnlyList<Problem> problems, string? notRead = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"StatsIngest could not ingest the file '{name}'. Nothing from it was stored.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Received:  {received:yyyy-MM-dd HH:mm:ss} UTC");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Size:      {(size is { } s ? s + " bytes" : "not read")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"SHA-256:   {(sha.Length > 0 ? sha : "not computed (the content was not read)")}");
        if (grid is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Read as:   {grid.Format}{(grid.Encoding is null ? string.Empty : ", encoding " + grid.Encoding)}, sheets: {string.Join(", ", grid.Sheets.Take(20).Select(x => $"'{Cut(x.Name, 60)}' ({x.Rows} rows)"))}");
        }

        sb.AppendLine();
        sb.AppendLine("What is wrong:");
        List(sb, problems.Where(p => p.Severity == ProblemSeverity.Error).ToArray(), MaxErrors, (i, p) => $"  {i}. {p}");
        var warnings = problems.Where(p => p.Severity == ProblemSeverity.Warning).ToArray();
        if (warnings.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Also noticed (warnings):");
            List(sb, warnings, MaxWarnings, (_, p) => $"  - {p}");
        }

        sb.AppendLine();
        sb.AppendLine(notRead is null
            ? "What to do: correct the file, or teach StatsIngest what it did not understand — an alias in config/codelists/ (the code lists),\n" +
              "a word in config/codelists/vocabulary.json, or a rule (Layouts:Rules) — and drop the file into the inbox again.\n" +
              "`statsingest validate --explain <file>` shows how each cell was understood, without storing anything."
            : "What to do: " + notRead);
        return sb.ToString();
    }

    private static void List(StringBuilder sb, Problem[] problems, int max, Func<int, Problem, string> line)
    {
        for (var i = 0; i < Math.Min(problems.Length, max); i++)
        {
            sb.AppendLine(Cut(line(i + 1, problems[i]), MaxProblemCharacters));
        }

        if (problems.Length > max)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  … and {problems.Length - max} more of the same kind (`statsingest validate <file>` lists them all).");
        }
    }

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $" … ({text.Length - max} more characters)");
}
