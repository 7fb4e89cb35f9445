using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>
/// Gathers what the tables of one file gave. A table that gives nothing is a warning when another table of the file
/// was read (a notes sheet, a chart's data) and, with its problems, the reason the file is refused when none was.
/// </summary>
internal sealed class FileReading(IObservationSink sink)
{
    private readonly List<(string Sheet, IReadOnlyList<IReadOnlyList<RawCell>> Head)> _heads = [];
    private readonly List<Problem> _problems = [];
    private readonly List<string> _notes = [];
    private readonly List<Msg> _details = [];
    private readonly List<LabelMapping> _mappings = [];
    private readonly List<TableExplanation> _tables = [];
    private readonly SortedSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<(string Sheet, Msg Why, IReadOnlyList<Problem> Problems, IReadOnlyList<ProfileMatch> Matches)> _unread = [];
    private int _rows;

    /// <summary>A sheet met, with its first rows (to quote when nothing could be read).</summary>
    public void Seen(string sheet, IReadOnlyList<IReadOnlyList<RawCell>> head) => _heads.Add((sheet, head));

    public void Add(string sheet, string profile, Msg chosen, LayoutResult result, TableExplanation explanation)
    {
        _used.Add(profile);
        _details.Add(Msg.Of("sheet '{sheet}': layout {layout}, chosen by {why}", ("sheet", sheet), ("layout", profile), ("why", chosen)));
        _details.AddRange(result.Detail);
        _problems.AddRange(result.Problems);
        foreach (var o in result.Observations)
        {
            Keep(sheet, o);
        }

        _notes.AddRange(result.Notes);
        _mappings.AddRange(result.Mappings);
        _tables.Add(explanation);
        _rows += result.RowsRead;
    }

    /// <summary>
    /// One value per series and period in a file: two tables giving the same (the province's total in both of two
    /// tables side by side) keep the first; two giving different values are a conflict the file can not be stored with.
    /// </summary>
    private void Keep(string sheet, Observation o)
    {
        if (sink.Add(o) is { } first && (first.Value != o.Value || first.Unit != o.Unit))
        {
            var cell = CellReference.FromA1(o.Source.Cell);
            _problems.Add(Problem.Error(
                Msg.Of("This cell gives {series} {period} as {text}, but {cell} gives '{earlier}' for the same series and period. Expected one value per series and period in a file.",
                    ("series", o.Key.ToString()), ("period", o.Period.Code), ("text", o.Source.RawText), ("cell", $"{first.Source.Sheet}!{first.Source.Cell}"), ("earlier", first.Source.RawText)), sheet, cell.Row, cell.Column, o.Source.RawText));
        }
    }

    /// <summary>A warning about a sheet that is no table's (cells it did not read).</summary>
    public void Warning(Problem warning) => _problems.Add(warning);

    /// <summary>The conflicts the sink found once the file was read.</summary>
    public void Conflicts(IReadOnlyList<Problem> conflicts) => _problems.AddRange(conflicts);

    public void Unread(string sheet, Msg why, IReadOnlyList<Problem> problems, TableExplanation? explanation = null, IReadOnlyList<ProfileMatch>? matches = null)
    {
        _unread.Add((sheet, why, problems.Where(p => !p.Text.Equals(Tables.TableReader.UnmappedLabel)).ToArray(), matches ?? []));
        if (explanation is not null)
        {
            _tables.Add(explanation);
        }
    }

    public NormalizeResult Result(IReadOnlyList<ReadWarning> readWarnings, Vocabulary words)
    {
        _problems.InsertRange(0, readWarnings.Select(w => Problem.Warning(w.Message, w.Sheet, w.Row, w.Column, w.Found)));
        if (_used.Count > 0)
        {
            foreach (var (sheet, why, problems, _) in _unread)
            {
                var first = problems.FirstOrDefault(p => p.Severity == ProblemSeverity.Error) ?? problems.FirstOrDefault();
                _problems.Add(Problem.Warning(first is null ? Msg.Of("This sheet was not read: {why}.", ("why", why)) : Msg.Of("This sheet was not read: {why} ({first}).", ("why", why), ("first", first.ToMsg())), sheet));
            }
        }
        else
        {
            _problems.AddRange(_unread.SelectMany(u => u.Problems.Select(p => p with { Severity = ProblemSeverity.Error })));
            _problems.Add(Problem.Error(NothingRead(words)));
        }

        if (_used.Count > 0 && sink.Count == 0 && !_problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            _problems.Add(Problem.Error(Msg.Of("The table was recognised but holds no observation.")));
        }

        return new NormalizeResult(_used.Count == 0 ? null : string.Join("+", _used), sink is ObservationList list ? list.Items : [], _problems, _notes, _rows)
        {
            Details = _details,
            Mappings = _mappings,
            Tables = _tables,
        };
    }

    private Msg NothingRead(Vocabulary words)
    {
        var found = string.Join(", ", _heads.SelectMany(s => s.Head.Take(3).SelectMany(r => r).Select(c => $"'{c.Text}' ('{s.Sheet}'!{c.Reference})")).Take(8));
        var why = _unread.Count == 0 ? Msg.Of("every sheet is empty") : Msg.List(_unread.Select(u => Msg.Of("sheet '{sheet}': {why}", ("sheet", u.Sheet), ("why", u.Why))), "; ");
        var closest = _unread.SelectMany(u => u.Matches).Where(m => m.Found.Count > 0).OrderByDescending(m => (double)m.Found.Count / m.Profile.Features.Count).FirstOrDefault();
        var closer = closest is null ? Msg.Verbatim(string.Empty)
            : Msg.Of("The closest known kind of table is {profile}, which lacks {missing}. ", ("profile", closest.Profile.Name), ("missing", Msg.List(closest.Missing.Select(Normalizer.Feature))));
        return Msg.Of(
            "No table in this file could be read: {why}. Every header, row label and title cell is read for what it names (a period, an indicator, a measure, a region, an industry, a unit); " +
            "each value needs at least a period and an indicator, from its row, its column, the title or a rule. {closest}(A {tidy}, is read by its header names instead.) " +
            "The first cells of the file are: {found}. `statsingest validate --explain <file>` shows how each cell was understood.",
            ("why", why), ("closest", closer), ("tidy", Tidy.TidyTableReader.Description(words)), ("found", found));
    }
}
