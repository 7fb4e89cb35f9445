using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tidy;

/// <summary>
/// The canonical tidy table: a header naming 期间/period, 地区/region, 指标/indicator, 行业/industry, 口径/basis,
/// 度量/measure, 数值/value, 单位/unit, 状态/status (Chinese or English, the words of vocabulary.json), then one
/// observation per row — or, transposed, the names down a column and one observation per column. Period, indicator,
/// measure and value are required; region, industry, basis, unit and status have defaults. Strict: an indicator or
/// industry the code lists do not know is an error, not an unmapped label. Read record by record into a sink: a table
/// of millions of rows is never held in memory; reading stops after <see cref="MaxErrors"/> errors.
/// </summary>
public sealed class TidyTableReader(string sheet, TidyHeader header, NormalizeContext context)
{
    public const string ProfileName = "canonical";

    /// <summary>After this many errors a table is not read further: the report has enough to show what is wrong.</summary>
    public const int MaxErrors = 1000;

    public static readonly CanonicalColumn[] Required = [CanonicalColumn.Period, CanonicalColumn.Indicator, CanonicalColumn.Measure, CanonicalColumn.Value];

    private readonly List<Problem> _problems = [];
    private readonly HashSet<string> _unknownRegions = new(StringComparer.Ordinal);
    private (string Text, (ReportingPeriod Period, Basis Basis) Resolved)? _lastPeriod;
    private readonly TextMemo<Measure?> _measures = new(text => context.Lexicon.Words.Measures.Find(text)?.Meaning ?? MeasureCode(text));
    private readonly TextMemo<ObservationStatus?> _statuses = new(text => context.Lexicon.Words.Statuses.Find(text)?.Meaning);
    private readonly TextMemo<Basis?> _bases = new(text => context.Lexicon.Words.Bases.Find(text)?.Meaning);

    private Vocabulary Words => context.Lexicon.Words;

    public static Msg Description(Vocabulary words) =>
        Msg.Of("canonical tidy table: a header with {columns} (and optionally the region, industry, basis, unit and status), one observation per row (or per column)",
            ("columns", string.Join(", ", Required.Select(c => "'" + string.Join("/", words.TidyColumns[c].Take(1).Concat(words.TidyColumns[c].Where(w => w.All(char.IsAsciiLetterLower)).Take(1))) + "'"))));

    /// <summary>A table held whole (transposed or not): its records are its rows after the header, or its columns after the header column.</summary>
    public LayoutResult Read(RawSheet whole, IObservationSink sink)
    {
        var headerCells = header.Transposed ? whole.Rows.SelectMany(r => r).Where(c => c.Column == header.Line).ToArray() : whole.Rows[header.Line - 1];
        var records = header.Transposed
            ? whole.Rows.SelectMany(r => r).Where(c => c.Column > header.Line).GroupBy(c => c.Column).OrderBy(g => g.Key).Select(g => (g.Key, (IReadOnlyList<RawCell>)g.ToArray()))
            : whole.Rows.Skip(header.Line).Select((cells, i) => (header.Line + 1 + i, cells));
        return Read(headerCells, records, sink);
    }

    /// <summary>The rows after the header row, one by one.</summary>
    public LayoutResult Read(IReadOnlyList<RawCell> headerCells, IEnumerable<(int Record, IReadOnlyList<RawCell> Cells)> records, IObservationSink sink)
    {
        HeaderWarnings(headerCells);
        var notes = new List<string>();
        var read = 0;
        var errors = 0;
        var row = new TidyRecord(sheet, header, _problems);
        foreach (var (record, cells) in records)
        {
            if (cells.Count == 0)
            {
                continue;
            }

            if (Words.IsNote(Label.Fold(cells[0].Text)))
            {
                notes.Add(string.Join(" ", cells.Select(c => c.Text)));
                continue;
            }

            read++;
            row.Start(record, cells);
            if (ReadRecord(row) is { } obs)
            {
                Add(obs, row, sink);
            }

            errors += row.ErrorCount;
            if (errors >= MaxErrors)
            {
                _problems.Add(Problem.Error(Msg.Of("Reading stopped at this row after {count} errors; the rest of the table was not read.", ("count", errors)), sheet, header.Transposed ? null : record, header.Transposed ? record : null));
                break;
            }
        }

        if (read == 0)
        {
            _problems.Add(Problem.Error(Msg.Of("Expected at least one data row below the header row, found none."), sheet, header.Transposed ? null : header.Line, header.Transposed ? header.Line : null));
        }

        return new LayoutResult([], _problems, notes, read)
        {
            Detail = [header.Transposed
                ? Msg.Of("canonical header in column {column} (transposed: one observation per column)", ("column", CellReference.ColumnLetters(header.Line)))
                : Msg.Of("canonical header in row {row}", ("row", header.Line))],
        };
    }

    private void HeaderWarnings(IReadOnlyList<RawCell> headerCells)
    {
        foreach (var unknown in headerCells.Where(c => Words.TidyColumn(c.Text) is null))
        {
            _problems.Add(Problem.Warning(Msg.Of("This column header is not one of the canonical table's; the column is ignored."), sheet, unknown.Row, unknown.Column, unknown.Text));
        }

        string? At(int field) => headerCells.FirstOrDefault(c => (header.Transposed ? c.Row : c.Column) == field)?.Text;
        foreach (var (_, kept, ignored) in header.Repeated)
        {
            var (row, col) = header.Transposed ? (ignored, header.Line) : (header.Line, ignored);
            var first = header.Transposed ? Msg.Of("row {row}", ("row", kept)) : Msg.Of("column {column}", ("column", CellReference.ColumnLetters(kept)));
            _problems.Add(Problem.Warning(Msg.Of("This header names the same canonical column as {first} ('{header}'); only the first is read, this one is ignored.", ("first", first), ("header", At(kept))), sheet, row, col, At(ignored)));
        }
    }

    /// <summary>One value per series and period: the same again is passed over; another value for it is an error.</summary>
    private void Add(Observation obs, TidyRecord row, IObservationSink sink)
    {
        if (sink.Add(obs) is { } earlier && (earlier.Value != obs.Value || earlier.Unit != obs.Unit))
        {
            row.Error(CanonicalColumn.Value, Msg.Of(
                "This row gives {value} for {series} {period}, but {cell} gives {earlier} for the same series and period. Expected one value per series and period in a file.",
                ("value", Show(obs.Value)), ("series", obs.Key.ToString()), ("period", obs.Period.Code), ("cell", $"{earlier.Source.Sheet}!{earlier.Source.Cell}"), ("earlier", Show(earlier.Value))));
        }
    }

    private Observation? ReadRecord(TidyRecord row)
    {
        var codes = context.Codes;
        var indicator = codes.Indicators.Match(row.Text(CanonicalColumn.Indicator)) ?? codes.Products.Match(row.Text(CanonicalColumn.Indicator));
        if (indicator is null)
        {
            row.Error(CanonicalColumn.Indicator, Msg.Of("Expected an indicator of config/codelists/indicators.json ({names}) or one of their aliases.",
                ("names", Msg.List(codes.Indicators.Entries.Select(e => Msg.Quote(e.Name))))));
        }

        var region = Region(row);
        var industryText = row.Text(CanonicalColumn.Industry);
        var industry = string.IsNullOrWhiteSpace(industryText) ? SeriesKey.AllIndustries : Industry(codes.Industries, industryText.Trim());
        if (industry is null)
        {
            row.Error(CanonicalColumn.Industry,
                Msg.Of("Expected a GB/T 4754-2017 section or division (name or code, e.g. '制造业', C, 39) or an alias from config/codelists/industries.json."));
        }

        var resolved = Period(row);
        var basis = Basis(row, resolved?.Basis ?? Domain.Basis.Year);
        var measure = _measures[row.Text(CanonicalColumn.Measure)];
        if (measure is null)
        {
            row.Error(CanonicalColumn.Measure, Msg.Of("Expected a measure: '绝对量/level', '同比/yoy' (year-on-year %), '环比/mom' (month-on-month %), or an index code (IDX_PY, IDX_PM, IDX_FB)."));
        }

        var status = _statuses[row.Text(CanonicalColumn.Status)];
        if (status is null)
        {
            row.Error(CanonicalColumn.Status, Msg.Of("Expected a status: '正常/final' (A), '初步核算/provisional' (P), '估计/estimated' (E) or '缺失/missing' (M)."));
        }

        var value = Value(row);
        if (row.ErrorCount > 0 || indicator is null || industry is null || resolved is null || measure is null || status is null)
        {
            return null;
        }

        if (Unit(row, measure.Value, indicator.Unit) is not { } conversion)
        {
            return null;
        }

        if (ValueWarning.PercentAsLevel(value, measure.Value, conversion.Unit) is { } notLevel)
        {
            row.Error(CanonicalColumn.Value, notLevel);
            return null;
        }

        var provenance = new Provenance(context.FileName, context.Sha256, sheet, row.Reference(CanonicalColumn.Value), row.Text(CanonicalColumn.Value));
        return new Observation(new SeriesKey(indicator.Code, region, industry, basis, measure.Value), resolved.Value.Period, conversion.Apply(value.Number), conversion.Unit,
            value.Kind == ValueKind.Missing ? ObservationStatus.Missing : status.Value, provenance)
        {
            UnitFactor = conversion.Factor,
        };
    }

    private string Region(TidyRecord row)
    {
        var text = row.Text(CanonicalColumn.Region);
        if (string.IsNullOrWhiteSpace(text))
        {
            return context.DefaultRegion;
        }

        var entry = context.Codes.Regions.Match(text);
        if (entry is null && _unknownRegions.Add(Label.Fold(text)))
        {
            row.Warning(CanonicalColumn.Region, Msg.Of("This region is not in config/codelists/regions.json; it is stored as written ('{region}') here and in every other row that names it.", ("region", Label.Fold(text))));
        }

        return entry?.Code ?? Label.Fold(text);
    }

    private (ReportingPeriod Period, Basis Basis)? Period(TidyRecord row)
    {
        // A table gives its rows period by period: the period of the row before, when it is the same text, is taken again.
        var text = row.Text(CanonicalColumn.Period);
        if (_lastPeriod is { } last && string.Equals(text, last.Text, StringComparison.Ordinal))
        {
            return last.Resolved;
        }

        if (Resolve(row, text) is not { } resolved)
        {
            return null;
        }

        _lastPeriod = (text, resolved);
        return resolved;
    }

    private (ReportingPeriod Period, Basis Basis)? Resolve(TidyRecord row, string text)
    {
        if (!PeriodParser.TryParse(text, out var parsed) || parsed.Year is null)
        {
            // A year the parser does not take (1800, 2200) is said as a year outside the limits, like 1900 is.
            var leadingYear = text.Length >= 4 && int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
                && (text.Length == 4 || !char.IsAsciiDigit(text[4])) ? context.YearOutside(y) : null;
            row.Error(CanonicalColumn.Period, leadingYear ?? Msg.Of("Expected a period with a year, such as 2022, 2023-03, 2022-Q3, '2023年1—3月' or '2022年前三季度'."));
            return null;
        }

        if (context.YearOutside(parsed.Year.Value) is { } outside)
        {
            row.Error(CanonicalColumn.Period, outside);
            return null;
        }

        var resolved = parsed.Resolve();
        if (row.IsNumber(CanonicalColumn.Period) && text.Length == 6 && text[4] == '.' && text[5] == '1')
        {
            // Excel makes "2023.10" typed into a cell the number 2023.1, shown so unless a format writes its zeros.
            row.Warning(CanonicalColumn.Period, Msg.Of(
                "This period is the number {text}, read as {period}; Excel makes {text}0 (October) typed into a cell the same number. If October was meant, type the periods as text (2023-10, 2023年10月) or give the column the format 0.00, and drop the file again.",
                ("text", text), ("period", resolved.Period.Code)));
        }

        return resolved;
    }

    private Basis Basis(TidyRecord row, Basis fromPeriod)
    {
        var text = row.Text(CanonicalColumn.Basis);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fromPeriod;
        }

        if (_bases[text] is { } b)
        {
            return b;
        }

        row.Error(CanonicalColumn.Basis, Msg.Of("Expected a basis: '当月/month', '累计/ytd', '季度/quarter' or '年度/year'."));
        return fromPeriod;
    }

    private static Measure? MeasureCode(string text)
    {
        try
        {
            return text.Length > 0 ? Codes.ParseMeasure(text.Trim().ToUpperInvariant()) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// An industry by its name, code or alias; a division typed as a number loses its leading zero in Excel and WPS
    /// ("06" becomes 6), so one digit alone is also tried as the division it was (06–09).
    /// </summary>
    private static string? Industry(CodeList industries, string text) =>
        industries.Match(text)?.Code ?? (text.Length == 1 && char.IsAsciiDigit(text[0]) ? industries.Match("0" + text)?.Code : null);

    private ParsedValue Value(TidyRecord row)
    {
        var value = Words.Values.Parse(row.Text(CanonicalColumn.Value));
        if (!value.IsValid)
        {
            row.Error(CanonicalColumn.Value, ValueWarning.NotAValue(value));
        }
        else if (value.Kind == ValueKind.PercentagePoints)
        {
            row.Error(CanonicalColumn.Value, Msg.Of("This is a change in percentage points, not a level or a growth rate; the canonical table has no measure for it."));
        }
        else if (ValueWarning.For(value) is { } warning)
        {
            row.Warning(CanonicalColumn.Value, warning);
        }

        return value;
    }

    private UnitConversion? Unit(TidyRecord row, Measure measure, string? declared)
    {
        var unit = Label.Fold(row.Text(CanonicalColumn.Unit));
        if (unit.Length > 1 && unit[0] is '=' or '+' or '-' or '@')
        {
            row.Error(CanonicalColumn.Unit, Msg.Of("Expected a unit ('亿元', '万元', %, …); this looks like a formula and is not read."));
            return null;
        }

        if (unit.Length == 0)
        {
            return new UnitConversion(measure == Measure.Level ? declared ?? string.Empty : "%", 1);
        }

        if (measure != Measure.Level)
        {
            return new UnitConversion(unit, 1);
        }

        var conversion = context.Lexicon.Units.ToStored(unit, declared);
        if (conversion.Factor != 1)
        {
            row.Warning(CanonicalColumn.Unit, Msg.Of("Converted from '{from}' to '{to}' (× {factor}); the raw text keeps the original figure.", ("from", unit), ("to", conversion.Unit), ("factor", conversion.Factor.ToString("R", CultureInfo.InvariantCulture))));
        }

        return conversion;
    }

    private static string Show(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "missing";
}
