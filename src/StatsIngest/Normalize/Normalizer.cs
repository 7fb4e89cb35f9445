using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>
/// Chooses a layout for each sheet by scoring what the sheet contains, and reads the sheets that fit. When no layout
/// fits any sheet, the result carries one error per layout saying what it was missing in each sheet.
/// </summary>
public sealed class Normalizer(IEnumerable<ILayout> layouts)
{
    private readonly IReadOnlyList<ILayout> _layouts = layouts.ToArray();

    public NormalizeResult Normalize(RawGrid grid, NormalizeContext context)
    {
        var observations = new List<Observation>();
        var problems = new List<Problem>();
        var notes = new List<string>();
        var tried = new List<string>();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var details = new List<string>();
        var unread = new List<(string Sheet, string Why)>();
        var mappings = new List<LabelMapping>();
        var rows = 0;
        var rule = context.Rule;
        var layouts = _layouts;
        if (rule?.Layout is { Length: > 0 } wanted)
        {
            layouts = _layouts.Where(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (layouts.Count == 0)
            {
                problems.Add(Problem.Error($"The rule '{rule.Name}' asks for the layout '{wanted}', which does not exist. Known layouts: {string.Join(", ", _layouts.Select(l => l.Name))}."));
                return new NormalizeResult(null, observations, problems, notes, tried, 0);
            }
        }

        var sheets = grid.Sheets;
        if (rule?.Sheet is { Length: > 0 } sheetName)
        {
            sheets = grid.Sheets.Where(s => s.Name == sheetName).ToArray();
            if (sheets.Count == 0)
            {
                problems.Add(Problem.Error($"The rule '{rule.Name}' reads the sheet '{sheetName}', but the file has the sheets {string.Join(", ", grid.Sheets.Select(s => $"'{s.Name}'"))}."));
                return new NormalizeResult(null, observations, problems, notes, tried, 0);
            }
        }

        foreach (var sheet in sheets)
        {
            if (sheet.Rows.All(r => r.Count == 0))
            {
                continue;
            }

            var scored = layouts.Select(l => (Layout: l, Match: l.Match(sheet)))
                .OrderByDescending(x => x.Match.Fits).ThenByDescending(x => x.Match.Fits ? x.Match.Specificity : 0).ThenByDescending(x => x.Match.Score)
                .ToArray();
            var best = scored.FirstOrDefault(x => x.Match.Fits || (rule?.Layout is { Length: > 0 } && x.Match.Score > 0));
            if (best.Layout is null)
            {
                var misses = scored.Select(x => string.Create(CultureInfo.InvariantCulture,
                    $"sheet '{sheet.Name}': {x.Layout.Name} ({x.Match.Score:P0} of what it needs) is missing {string.Join(", ", x.Match.Missing)}")).ToArray();
                tried.AddRange(misses);
                unread.Add((sheet.Name, string.Join("; ", misses.Take(2))));
                continue;
            }

            var result = best.Layout.Read(sheet, context);
            var why = rule?.Layout is { Length: > 0 } ? $"the rule '{rule.Name}'" : "detection: " + string.Join(", ", best.Match.Found);
            details.Add($"sheet '{sheet.Name}': layout {best.Layout.Name}, chosen by {why}" +
                (result.Detail.Length > 0 ? "\n" + result.Detail : string.Empty));
            mappings.AddRange(result.Mappings);
            used.Add(best.Layout.Name);
            observations.AddRange(result.Observations);
            problems.AddRange(result.Problems);
            notes.AddRange(result.Notes);
            rows += result.RowsRead;
        }

        if (used.Count > 0)
        {
            // A sheet with content that no layout reads is said, not silently dropped.
            problems.AddRange(unread.Select(u => Problem.Warning($"This sheet was not read: no layout fits it. The closest: {u.Why}.", u.Sheet)));
        }

        if (used.Count == 0)
        {
            var found = grid.Sheets.SelectMany(s => s.Rows.Take(3).SelectMany(r => r).Select(c => $"'{c.Text}' ({s.Name}!{c.Reference})")).Take(8);
            problems.Add(Problem.Error(
                "No known table layout fits this file. Expected " + string.Join("; or ", _layouts.Select(l => l.Description)) + ". " +
                "What each layout was missing: " + (tried.Count == 0 ? "every sheet is empty" : string.Join("; ", tried)) + ". " +
                "The first cells of the file are: " + string.Join(", ", found) + "."));
        }
        else if (observations.Count == 0 && !problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            problems.Add(Problem.Error("The table was recognised but holds no observation."));
        }

        return new NormalizeResult(used.Count == 0 ? null : string.Join("+", used), observations, problems, notes, tried, rows)
        {
            Details = details,
            Mappings = mappings,
        };
    }
}
