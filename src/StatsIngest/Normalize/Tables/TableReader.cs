using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Turns an interpreted table into observations: each data cell's key is the composition of the sheet context
/// (rule, then title and unit row, then the profile's indicator), its column path and its row path. A cell whose key
/// lacks a period or an indicator is reported with the cells it concerns; unreadable values count against the error
/// budget; levels are converted by the unit table with the factor kept; an index keeps its base and gives a derived
/// growth rate.
/// </summary>
public sealed class TableReader(TableInterpretation table, NormalizeContext context, Profile profile)
{
    private readonly List<Problem> _problems = [];
    private readonly List<string> _notes = [];
    private readonly List<Observation> _observations = [];
    private readonly List<(Problem Problem, bool Headline)> _unreadable = [];
    private readonly Dictionary<(SeriesKey, ReportingPeriod), (string Cell, double? Value)> _seen = [];
    private readonly Dictionary<(int Column, Msg What), List<string>> _incomplete = [];

    public static readonly Msg UnmappedLabel = Msg.Of(
        "This label matches no entry of config/codelists (industries.json, indicators.json, products.json, regions.json); " +
        "its values are stored under the label as written and flagged unmapped. Add it as an alias to map it.");

    private TableGeometry G => table.Geometry;

    private RawSheet Sheet => G.Sheet;

    private TableLexicon Lexicon => context.Lexicon;

    public TableContext Context { get; } = TableContext.Of(table, context, profile);

    public LayoutResult Read()
    {
        _problems.AddRange(Context.Problems);
        var columns = ReadableColumns();
        var rowsRead = 0;
        foreach (var row in table.Rows)
        {
            if (row.Role == RowRole.Note)
            {
                _notes.Add(row.Label);
                continue;
            }

            // An ambiguous label's values are not stored under a guess: the error says what would decide it.
            if (row.Role != RowRole.Data || row.Facts.Skip is not null || row.Facts.Ambiguous is not null)
            {
                continue;
            }

            rowsRead++;
            var headline = rowsRead == 1 || IsHeadline(row);
            foreach (var column in columns)
            {
                ReadCell(row, column, headline);
            }
        }

        ReportIncomplete();
        AddDerived();
        ApplyBudget();
        ReportUnmapped();
        return new LayoutResult(_observations, _problems, _notes, rowsRead)
        {
            Detail = Context.Describe(columns),
            Mappings = table.DataRows.Select(r => new LabelMapping(Sheet.Name, r.Row, r.Label.Trim(), MappedTo(r), r.Facts.Unmapped && r.Facts.Skip is null, r.Facts.Subset)).ToArray(),
        };
    }

    /// <summary>How a row label was mapped, in words: "IVA_ABOVE · section B 采矿业", "product P_STEEL 钢材", "IVA_ABOVE · unmapped industry label".</summary>
    private string MappedTo(RowReading row)
    {
        var f = row.Facts;
        var codes = Lexicon.Codes;
        var indicator = Context.IndicatorOf(f) ?? "(no indicator)";
        var byCode = row.Stub.Any(s => s.Facts.Industry is not null && table.StubKinds.Any(k => k.Column == s.Column && k.Kind == StubKind.Code)) ? " (by the code column)" : string.Empty;
        return f switch
        {
            { Skip: { } reason } => $"not stored: {reason}",
            { Industry: not null, UnmappedSubject: true } => $"{indicator} · unmapped industry label",
            { Industry: { } i } when codes.Industries.ByCode(i) is { } e => $"{indicator} · {(e.Kind.Length > 0 ? e.Kind + " " : string.Empty)}{e.Code} {e.Name}{byCode}",
            { Indicator: not null, UnmappedSubject: true } => row.Stub.Any(s => s.Facts.Why.Any(w => w.StartsWith("unmapped product", StringComparison.Ordinal))) ? "unmapped product" : "unmapped indicator",
            { Indicator: { } i } when codes.Products.ByCode(i) is { } p => $"product {p.Code} {p.Name}",
            { Indicator: { } i } when codes.Indicators.ByCode(i) is { } e && row.Stub.Any(s => s.Facts.Indicator is not null) => $"indicator {e.Code} {e.Name}{Words(f)}",
            { Region: not null, UnmappedRegion: true } => $"{indicator} · unmapped region",
            { Region: { } r } when row.Stub.Any(s => s.Facts.Region is not null) => $"{indicator} · region {r}",
            { NamesSubject: true } => $"{indicator} · total",
            _ => $"{indicator}{Words(f)}",
        };
    }

    private static string Words(PathFacts f)
    {
        var parts = new List<string>();
        if (f.DatedPeriod is { } p)
        {
            parts.Add(p.Describe() + (p.Year is not null && f.Period?.Year is null ? " (its year from a row above)" : string.Empty));
        }

        if (f.Basis is { } b)
        {
            parts.Add("basis " + Codes.Of(b));
        }

        if ((f.Measure ?? f.MeasureFromUnit) is { } m)
        {
            parts.Add(Codes.Of(m));
        }

        return parts.Count == 0 ? string.Empty : ", " + string.Join(" ", parts);
    }

    private List<ColumnReading> ReadableColumns()
    {
        var readable = new List<ColumnReading>();
        foreach (var c in table.Columns)
        {
            if (c.Facts.Ambiguous is { } ambiguous)
            {
                _problems.Add(Problem.Error(Msg.Of("This column header is ambiguous: {why}. Give its unit or rename it in the file.", ("why", ambiguous)), Sheet.Name, c.Path[^1].Row, c.Column, c.HeaderText));
                continue;
            }

            if (c.NotRead is { } notRead)
            {
                _problems.Add(Problem.Warning(
                    Msg.Of("Column {column} ('{header}') of sheet '{sheet}' is not stored: {why}.", ("column", CellReference.ColumnLetters(c.Column)), ("header", c.HeaderText), ("sheet", Sheet.Name), ("why", notRead)),
                    Sheet.Name, c.Path.FirstOrDefault()?.Row ?? G.FirstDataRow, c.Column, c.HeaderText));
                continue;
            }

            if (c.Facts.Skip is { } skip)
            {
                _notes.Add($"Column {CellReference.ColumnLetters(c.Column)} ('{c.HeaderText}') of sheet '{Sheet.Name}' is not stored: it is {skip}.");
                continue;
            }

            // A column naming an indicator of its own may have its own unit (人均地区生产总值（元） under 单位：亿元).
            if (c.Facts.Unit is { } colUnit && Context.DeclaredUnit is { } declared && colUnit != declared && c.Facts.Indicator is null
                && Lexicon.Units.IsMoney(colUnit) && Lexicon.Units.IsMoney(declared))
            {
                _problems.Add(Problem.Error(
                    Msg.Of("Two conflicting units: the unit row says {declared}, this column header says {unit}. Expected one unit for the level cells.", ("declared", declared), ("unit", colUnit)),
                    Sheet.Name, G.HeaderBottom, c.Column, c.HeaderText));
                continue;
            }

            readable.Add(c);
        }

        return readable;
    }

    /// <summary>The total of the table's indicator for the table's own region (a region table's 市州 rows are detail rows).</summary>
    private bool IsHeadline(RowReading row)
    {
        var f = Context.Facts.Then(row.Facts);
        return (f.Industry ?? SeriesKey.AllIndustries) == SeriesKey.AllIndustries && (f.Indicator ?? Context.Indicator) == Context.Indicator
               && (f.Region ?? Context.Region) == Context.Region && !f.Unmapped;
    }

    private void ReadCell(RowReading row, ColumnReading column, bool headline)
    {
        var cell = Sheet.Cell(row.Row, column.Column);
        var text = cell?.Text ?? string.Empty;
        var reference = CellReference.ToA1(row.Row, column.Column);
        var key = CellKey.Compose(Context, column.Facts, row.Facts, Lexicon);
        if (key.Missing is { } missing)
        {
            if (text.Length > 0)
            {
                Incomplete(column.Column, missing, reference);
            }

            return;
        }

        // January is never published alone, and February's 当月 is the 1—2月 figure: a blank there is no observation.
        if (text.Length == 0 && key.Basis == Basis.Month && key.Period.Kind == PeriodKind.Month && key.Period.Number <= 2)
        {
            return;
        }

        var value = Lexicon.Words.Values.Parse(text);
        if (!value.IsValid || value.Kind == ValueKind.PercentagePoints)
        {
            _unreadable.Add((Problem.Error(
                value.Kind == ValueKind.PercentagePoints
                    ? key.Measure == Measure.Level ? Msg.Of("This cell is a change in percentage points, but the column holds levels.") : Msg.Of("This cell is a change in percentage points, but the column holds growth rates.")
                    : ValueWarning.NotAValue(value),
                Sheet.Name, row.Row, column.Column, text), headline));
            return;
        }

        if (ValueWarning.PercentAsLevel(value, key.Measure, key.Conversion.Unit) is { } notLevel)
        {
            _unreadable.Add((Problem.Error(notLevel, Sheet.Name, row.Row, column.Column, text), headline));
            return;
        }

        if (ValueWarning.For(value) is { } warning)
        {
            _problems.Add(Problem.Warning(warning, Sheet.Name, row.Row, column.Column, text));
        }

        var series = new SeriesKey(key.Indicator, key.Region, key.Industry, key.Basis, key.Measure);
        var number = value.Kind == ValueKind.Missing ? null : key.Conversion.Apply(value.Number);
        if (_seen.TryGetValue((series, key.Period), out var earlier))
        {
            Duplicate(earlier, number, row.Row, column.Column, text, series, key.Period);
            return;
        }

        _seen[(series, key.Period)] = (reference, number);
        _observations.Add(new Observation(series, key.Period, number, key.Conversion.Unit,
            value.Kind == ValueKind.Missing ? ObservationStatus.Missing : key.Status,
            new Provenance(context.FileName, context.Sha256, Sheet.Name, reference, text))
        {
            Label = Sheet.Cell(row.Row, table.LabelColumn)?.Text.Trim() ?? row.Label.Trim(),
            Flags = key.Flags,
            UnitFactor = key.Conversion.Factor,
        });
    }

    private void Duplicate((string Cell, double? Value) earlier, double? number, int row, int column, string text, SeriesKey series, ReportingPeriod period)
    {
        if (earlier.Value == number)
        {
            _problems.Add(Problem.Warning(Msg.Of("The same series and period was already read from {cell}; this cell is not stored.", ("cell", earlier.Cell)), Sheet.Name, row, column, text));
            return;
        }

        _problems.Add(Problem.Error(
            Msg.Of("This cell and {cell} both read as {series} {period} but hold different values: the headers and labels do not tell them apart. " +
                   "`statsingest validate --explain` shows what each header and label was understood to name; add the missing word or alias, or a rule.",
                ("cell", earlier.Cell), ("series", series.ToString()), ("period", period.Code)),
            Sheet.Name, row, column, text));
    }

    private void Incomplete(int column, Msg what, string reference)
    {
        if (!_incomplete.TryGetValue((column, what), out var cells))
        {
            _incomplete[(column, what)] = cells = [];
        }

        cells.Add(reference);
    }

    private void ReportIncomplete()
    {
        foreach (var ((column, what), cells) in _incomplete)
        {
            var header = table.Columns.First(c => c.Column == column);
            var where = cells.Count == 1 ? Msg.Of("cell {cell}", ("cell", cells[0])) : Msg.Of("{count} cells ({first} … {last})", ("count", cells.Count), ("first", cells[0]), ("last", cells[^1]));
            _problems.Add(Problem.Error(Msg.Of("{what} Cells without it: {where}.", ("what", what), ("where", where)),
                Sheet.Name, G.HeaderTop > 0 ? G.HeaderTop : G.FirstDataRow, column, header.HeaderText));
        }
    }

    /// <summary>A growth rate derived from each index with a growth base (上年=100: 108.4 → 8.4), unless the table publishes that rate itself.</summary>
    private void AddDerived()
    {
        foreach (var o in _observations.ToArray())
        {
            var derives = Lexicon.Words.IndexBases.FirstOrDefault(b => b.Measure == o.Key.Measure)?.Derives;
            if (derives is not { } measure)
            {
                continue;
            }

            var key = o.Key with { Measure = measure };
            if (_seen.ContainsKey((key, o.Period)))
            {
                continue;
            }

            _seen[(key, o.Period)] = (o.Source.Cell, null);
            _observations.Add(o with
            {
                Key = key,
                Value = o.Value is { } v ? Math.Round(v - 100, 10) : null,
                Unit = "%",
                Flags = o.Flags | ObservationFlags.Derived,
                UnitFactor = 1,
            });
        }
    }

    private void ApplyBudget()
    {
        var budget = new ErrorBudget(
            context.Rule?.HeadlineErrorBudget ?? context.Budget.HeadlineRows,
            context.Rule?.DetailErrorBudget ?? context.Budget.DetailRows);
        var headline = _unreadable.Count(u => u.Headline);
        var detail = _unreadable.Count - headline;
        var over = headline > budget.HeadlineRows || detail > budget.DetailRows;
        foreach (var (p, isHeadline) in _unreadable)
        {
            var budgetText = Msg.Of("{message} ({kind} row; the error budget allows {allowed} unreadable cells in {kind} rows, this file has {count}: {outcome}.)",
                ("message", p.Text), ("kind", isHeadline ? Msg.Of("headline") : Msg.Of("detail")), ("allowed", isHeadline ? budget.HeadlineRows : budget.DetailRows),
                ("count", isHeadline ? headline : detail), ("outcome", over ? Msg.Of("the file is not stored") : Msg.Of("the cell is skipped")));
            _problems.Add(over ? p with { Text = budgetText } : Problem.Warning(budgetText, p.Sheet, p.Row, p.Column, p.Found));
        }
    }

    private void ReportUnmapped()
    {
        foreach (var row in table.DataRows)
        {
            if (row.Facts.Unmapped && row.Facts.Skip is null && row.Stub.FirstOrDefault(s => s.Facts.Unmapped) is { } label)
            {
                _problems.Add(Problem.Warning(UnmappedLabel, Sheet.Name, row.Row, label.Column, label.Text));
            }

            if (row.Stub.FirstOrDefault(s => s.Facts.Ambiguous is not null) is { } ambiguous)
            {
                _problems.Add(Problem.Error(
                    Msg.Of("This label is ambiguous: {why}. Give its unit ('新能源汽车（万辆）'), put it under a '产品' section, or rename it in the file.", ("why", ambiguous.Facts.Ambiguous)),
                    Sheet.Name, row.Row, ambiguous.Column, ambiguous.Text));
            }
        }
    }
}
