using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Normalize.Tables;
using StatsIngest.Normalize.Tidy;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>
/// Reads every table of every sheet the same way: the canonical tidy table by its header names; any other table by
/// what each of its header, stub and title cells names (cells → dimensions → observations), with the profile that
/// fits it naming it and giving the indicator of cells that name none. A rule in configuration can force the sheet
/// and the profile. A table none of whose cells can be read is reported cell by cell.
/// </summary>
public sealed class Normalizer(TableLexicon lexicon, ProfileCatalog profiles)
{
    private readonly CellClassifier _classifier = new(lexicon);
    private readonly ProfileMatcher _matcher = new(profiles, lexicon);

    public ProfileCatalog Profiles => profiles;

    /// <summary>A file held whole (validate, explain, the tests): its observations are in the result.</summary>
    public NormalizeResult Normalize(RawGrid grid, NormalizeContext context)
    {
        using var source = GridSource.Of(grid);
        return Normalize(source, context, new ObservationList());
    }

    /// <summary>
    /// A file read as it streams: each sheet's head decides how it is read — a canonical table record by record into
    /// <paramref name="sink"/>, never held; any other table taken whole. The result holds the observations only when the
    /// sink is an <see cref="ObservationList"/>.
    /// </summary>
    public NormalizeResult Normalize(GridSource source, NormalizeContext context, IObservationSink sink)
    {
        var rule = context.Rule;
        if (rule?.Layout is { Length: > 0 } wanted && wanted != TidyTableReader.ProfileName && profiles.Find(wanted) is null)
        {
            return Failed(Msg.Of("The rule '{rule}' asks for the layout '{layout}', which does not exist. Known layouts: {layouts}.",
                ("rule", rule.Name), ("layout", wanted), ("layouts", string.Join(", ", profiles.Names.Prepend(TidyTableReader.ProfileName)))));
        }

        var reading = new FileReading(sink);
        var names = new List<string>();
        foreach (var sheet in source.Sheets())
        {
            names.Add(sheet.Name);
            reading.Seen(sheet.Name, sheet.Head);
            if (rule?.Sheet is not { Length: > 0 } only || sheet.Name == only)
            {
                ReadSheet(sheet, context, reading, sink);
            }
        }

        if (rule?.Sheet is { Length: > 0 } sheetName && !names.Contains(sheetName))
        {
            return Failed(Msg.Of("The rule '{rule}' reads the sheet '{sheet}', but the file has the sheets {sheets}.",
                ("rule", rule.Name), ("sheet", sheetName), ("sheets", string.Join(", ", names.Select(s => $"'{s}'")))));
        }

        reading.Conflicts(sink.Conflicts(MaxConflicts));
        return reading.Result(source.Warnings, lexicon.Words);
    }

    /// <summary>At most this many cells giving a series and period again with another value are listed.</summary>
    private const int MaxConflicts = 200;

    private static NormalizeResult Failed(Msg message) => new(null, [], [Problem.Error(message)], [], 0);

    private void ReadSheet(SheetStream stream, NormalizeContext context, FileReading reading, IObservationSink sink)
    {
        var forced = context.Rule?.Layout is { Length: > 0 } l ? l : null;
        var head = new RawSheet(stream.Name, stream.Head);
        var tidy = TidyHeader.Find(head, lexicon.Words);
        if (forced == TidyTableReader.ProfileName || (forced is null && tidy.IsComplete))
        {
            var reader = new TidyTableReader(stream.Name, tidy, context);
            var result = tidy.Transposed || tidy.Line > stream.Head.Count
                ? reader.Read(stream.Materialize(), sink)
                : reader.Read(stream.Head[tidy.Line - 1], Records(stream, tidy.Line), sink);
            var why = forced is null ? Msg.Of("detection: the canonical headers") : Msg.Of("the rule '{rule}'", ("rule", context.Rule!.Name));
            reading.Add(stream.Name, TidyTableReader.ProfileName, why, result,
                new TableExplanation(stream.Name, null, tidy, Profile.Generic with { Name = TidyTableReader.ProfileName }, [], why.ToString()));
            return;
        }

        var sheet = stream.Materialize();
        if (!sheet.Rows.Any(r => r.Count > 0))
        {
            return;
        }

        var found = TableFinder.Find(new SheetCells(sheet, lexicon));
        var tables = found.Where(t => t.HasData).ToArray();
        if (tables.Length == 0)
        {
            reading.Unread(sheet.Name, Msg.Of("it has no rows with a label and numbers"), []);
            return;
        }

        // Rows after a table that looked like the header of another but hold no number ("新产品产值 | abc": its 产值).
        foreach (var after in found.Where(t => !t.HasData && tables.Any(d => d.Bottom < t.Top)))
        {
            var table = tables.Last(d => d.Bottom < after.Top);
            var first = Enumerable.Range(after.Top, after.Bottom - after.Top + 1).SelectMany(r => after.Cells.Cells(r, after.Left, after.Right)).First();
            reading.Warning(Problem.Warning(Msg.Of(
                "The cells {range} after the table {table} hold no number and were not read. If they are rows of the table, correct their values (a number, or a missing marker such as …) and drop the file again.",
                ("range", after.Range), ("table", table.Range)), sheet.Name, first.Row, first.Column, first.Text));
        }

        foreach (var table in tables)
        {
            ReadTable(sheet, table, context, forced, reading);
        }
    }

    private void ReadTable(RawSheet sheet, TableGeometry geometry, NormalizeContext context, string? forced, FileReading reading)
    {
        var table = new TableInterpreter(lexicon, _classifier).Interpret(geometry);
        var matches = _matcher.Matches(table);
        var best = forced is not null
            ? [new ProfileMatch(profiles.Find(forced)!, [], [])]
            : _matcher.Best(matches);
        var why = forced is not null ? Msg.Of("the rule '{rule}'", ("rule", context.Rule!.Name))
            : best[0].Profile == Profile.Generic ? Msg.Of("no profile fits: read from its cells")
            : Msg.Of("detection: {features}", ("features", Msg.List(best[0].Found.Select(Feature))));
        var results = best.Select(b => new TableReader(table, context, b.Profile).Read()).ToArray();
        var result = results[0];
        var name = best[0].Profile.Name;
        if (results.Skip(1).Any(r => !SameReading(r, result)))
        {
            result = result with
            {
                Problems = [.. result.Problems, Problem.Error(
                    Msg.Of("The table {range} is ambiguous: it fits the profiles {profiles} equally, and they read it differently. Choose one with a rule (Layouts:Rules, Layout).",
                        ("range", geometry.Range), ("profiles", Msg.List(best.Select(b => Msg.Verbatim(b.Profile.Name)), " and "))), sheet.Name)],
            };
        }
        else if (best.Count > 1)
        {
            name = string.Join("/", best.Select(b => b.Profile.Name));
        }

        var explanation = new TableExplanation(sheet.Name, table, null, best[0].Profile, matches, why.ToString());
        if (result.Observations.Count == 0)
        {
            reading.Unread(sheet.Name, Msg.Of("the table {range} gives no value a complete key", ("range", geometry.Range)), result.Problems, explanation, matches);
            return;
        }

        reading.Add(sheet.Name, name, why, result, explanation);
    }

    /// <summary>A feature of a profile (its "what" in config/profiles.json, translated by config/messages.json).</summary>
    public static Msg Feature(string what) => Msg.Of(what);

    /// <summary>The records after the header row: the rest of the head, then the rows streaming after it.</summary>
    private static IEnumerable<(int Record, IReadOnlyList<RawCell> Cells)> Records(SheetStream stream, int headerLine)
    {
        var number = headerLine;
        foreach (var cells in stream.Head.Skip(headerLine).Concat(stream.Rest()))
        {
            yield return (++number, cells);
        }
    }

    private static bool SameReading(LayoutResult a, LayoutResult b) =>
        a.Observations.Count == b.Observations.Count
        && a.Observations.Zip(b.Observations).All(p => p.First.Key == p.Second.Key && p.First.Period == p.Second.Period && p.First.Value == p.Second.Value && p.First.Unit == p.Second.Unit);
}
