using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Domain;
using StatsIngest.Hosting;
using StatsIngest.Indicators;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Read;
using StatsIngest.Store;

namespace StatsIngest.Cli;

/// <summary>
/// <c>statsingest validate</c>: each file read and normalized as ingest does it, its observations kept in the scratch
/// folder under the temporary folder (removed at the end) — spooled in the order read while that order vouches that no
/// series and period comes twice, else staged as ingest stages them into a scratch store never committed
/// (<see cref="ValidationSink"/>) — so that a file of any size is shown without being held: what would be stored, read
/// back in the order read, then every problem, the conflicts ingest would find, and the part-vs-total checks (made over
/// the few observations they look at).
/// </summary>
internal static class ValidateCommand
{
    /// <param name="scratchRoot">Where the scratch store's folder is made: the temporary folder (TMPDIR) unless given.</param>
    public static int Run(string[] inputs, string[] settings, (bool Text, string? Workbook) explain, TextWriter output, TextWriter errors, string? contentRoot,
        string? scratchRoot = null)
    {
        if (inputs.FirstOrDefault(i => !File.Exists(i)) is { } missing)
        {
            errors.WriteLine($"'{missing}' is not a file.");
            return StatsIngestCli.UsageError;
        }

        using var host = StatsIngestHost.Build(settings, HostMode.OneShot, contentRoot: contentRoot);
        var limits = host.Services.GetRequiredService<IOptions<ReadLimits>>().Value; // an invalid limit is reported before any file
        var scratch = Scratch(scratchRoot ?? Path.GetTempPath());
        try
        {
            var store = new ObservationStore(Path.Combine(scratch.FullName, "trial.db"));
            var failed = 0;
            foreach (var input in inputs)
            {
                var book = explain.Workbook is { } b ? ExplainedWorkbookPath(b, input, inputs.Length) : null;
                failed += ValidateFile(host.Services, limits, store, scratch, input, (explain.Text, book), output) ? 0 : 1;
            }

            return failed > 0 ? StatsIngestCli.FileProblems : StatsIngestCli.Ok;
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                errors.WriteLine($"The scratch folder {scratch.FullName} could not be removed ({ex.Message}); it holds nothing of value and can be deleted.");
            }
        }
    }

    /// <summary>A new folder for the scratch store under <paramref name="root"/>; a root that can not be written is a data folder error naming it.</summary>
    private static DirectoryInfo Scratch(string root)
    {
        try
        {
            return Directory.CreateDirectory(Path.Combine(root, $"statsingest-validate-{Guid.NewGuid():N}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderException($"validate stages each file in a scratch folder under the temporary folder {root}, which can not be written ({ex.Message}). Set TMPDIR (TEMP on Windows) to a writable folder.", ex);
        }
    }

    /// <summary>Validates one file; false when it has errors (it would be refused).</summary>
    private static bool ValidateFile(IServiceProvider services, ReadLimits limits, ObservationStore store, DirectoryInfo scratch, string input, (bool Text, string? Workbook) explain,
        TextWriter output)
    {
        var name = Path.GetFileName(input);
        output.WriteLine($"== {name}");
        var chinese = services.GetRequiredService<MessageCatalog>();
        using var trial = new ValidationSink(store, Path.Combine(scratch.FullName, $"{Guid.NewGuid():N}.spool"));
        NormalizeContext context;
        NormalizeResult result;
        GridSummary read;
        try
        {
            // Read as ingest reads it, under the same limits: a canonical table streamed record by record, any other taken
            // whole; a file past them is refused before it is hashed.
            using var source = GridReader.Open(input, name, limits);
            context = services.GetRequiredService<NormalizeContextFactory>().For(name, FileHash.Sha256(input));
            result = services.GetRequiredService<Normalizer>().Normalize(source, context, trial);
            read = source.Summary();
        }
        catch (GridReadException ex)
        {
            Print(output, "   ERROR: ", ex.Text, chinese);
            return false;
        }

        PrintReading(output, read, context, result, trial.Distinct(), chinese);
        var observations = trial.Observations(context.FileName, context.Sha256);
        if (explain.Text)
        {
            ExplainWriter.Write(output, result);
        }

        if (explain.Workbook is { } book)
        {
            ExplainWorkbook.Write(book, result, observations);
            output.WriteLine($"   explained workbook: {book}");
        }

        PrintLabels(output, result);
        var checkedOnes = PrintObservations(output, observations);
        PrintProblems(output, result, checkedOnes, chinese);
        return !result.HasErrors;
    }

    /// <summary>Where --explain-workbook writes a file's workbook: the path given, or beside it with the file's name when several are validated.</summary>
    private static string ExplainedWorkbookPath(string book, string input, int files) => Path.GetFullPath(files == 1 ? book
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(book))!, $"{Path.GetFileNameWithoutExtension(book)}_{Path.GetFileNameWithoutExtension(input)}.xlsx"));

    private static void PrintReading(TextWriter output, GridSummary read, NormalizeContext context, NormalizeResult result, int observations, MessageCatalog chinese)
    {
        output.WriteLine($"   read as {read.Format}{(read.Encoding is null ? string.Empty : ", encoding " + read.Encoding)}; sheets: {string.Join(", ", read.Sheets.Select(s => $"'{s.Name}' ({s.Rows} rows)"))}");
        if (context.Rule is { } rule)
        {
            output.WriteLine($"   rule: '{rule.Name}' (pattern {rule.FileNamePattern}) applies to this file");
        }

        output.WriteLine($"   layout: {result.Layout ?? "none fits"}; {Counted.Of(result.RowsRead, "data row")}; {Counted.Of(observations, "observation")} would be stored");
        foreach (var line in result.Details)
        {
            Print(output, "   ", line, chinese);
        }
    }

    private static void PrintLabels(TextWriter output, NormalizeResult result)
    {
        if (result.Mappings.Count > 0)
        {
            output.WriteLine("   row labels:");
            foreach (var m in result.Mappings)
            {
                output.WriteLine($"     {m.Sheet}!row {m.Row,-4} {m.Label} → {m.MappedTo}{(m.Subset ? " (subset: never added to a total)" : string.Empty)}{(m.Unmapped ? "   ← UNMAPPED: add an alias in config/codelists" : string.Empty)}");
            }
        }

        if (result.Unmapped.Count > 0)
        {
            output.WriteLine($"   unmapped labels ({result.Unmapped.Count}): {string.Join(", ", result.Unmapped)}");
        }
    }

    /// <summary>
    /// Prints each observation as it is read back, a few thousand lines to a write (the console flushes each write: 1M
    /// lines written one at a time took ≈ 2 s more); returns those the part-vs-total checks look at.
    /// </summary>
    private static List<Observation> PrintObservations(TextWriter output, IEnumerable<Observation> observations)
    {
        output.WriteLine("   observations:");
        var checkedOnes = new List<Observation>();
        var (lines, newLine) = (new System.Text.StringBuilder(), output.NewLine);
        var names = new Dictionary<SeriesKey, string>(ReferenceEqualityComparer.Instance); // a series' observations share its key object
        foreach (var o in observations)
        {
            var name = names.TryGetValue(o.Key, out var known) ? known : o.Key.ToString();
            if (known is null && names.Count < 10_000)
            {
                names[o.Key] = name;
            }

            lines.Append(CultureInfo.InvariantCulture,
                $"   {name,-34} {o.Period.Code,-8} {o.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "(missing)",14} {o.Unit,-4} {Codes.Of(o.Status)}  ← {o.Source.Sheet}!{o.Source.Cell} '{o.Source.RawText}'{(o.UnitFactor != 1 ? " × " + o.UnitFactor.ToString("R", CultureInfo.InvariantCulture) : string.Empty)}{(o.Flags != ObservationFlags.None ? $" [{Codes.Of(o.Flags)}]" : string.Empty)}")
                .Append(newLine);
            if (lines.Length > 1 << 16)
            {
                output.Write(lines);
                lines.Clear();
            }

            if (ConsistencyChecks.LooksAt(o))
            {
                checkedOnes.Add(o);
            }
        }

        output.Write(lines);
        return checkedOnes;
    }

    private static void PrintProblems(TextWriter output, NormalizeResult result, IReadOnlyList<Observation> checkedOnes, MessageCatalog chinese)
    {
        foreach (var note in result.Notes)
        {
            output.WriteLine($"   note: {note}");
        }

        foreach (var p in Problem.ByPlace(result.Problems))
        {
            Print(output, p.Severity == ProblemSeverity.Error ? "   ERROR: " : "   warning: ", p.ToMsg(), chinese);
        }

        var checks = ConsistencyChecks.RunAll(checkedOnes);
        foreach (var c in checks.Where(c => !c.Passed))
        {
            output.WriteLine($"   consistency warning ({c.Check}): {c.Message}");
        }

        if (checks.Count > 0)
        {
            output.WriteLine($"   consistency: {checks.Count(c => c.Passed)} of {checks.Count} part-vs-total checks hold within rounding");
        }
    }

    /// <summary>A message in English and, when config/messages.json translates it, in Chinese on the line beneath — as the quarantine report gives both.</summary>
    private static void Print(TextWriter output, string prefix, Msg message, MessageCatalog chinese)
    {
        var english = message.ToString();
        output.WriteLine(prefix + english);
        var translated = message.Render(chinese);
        if (translated != english)
        {
            output.WriteLine(new string(' ', prefix.Length) + translated);
        }
    }
}
