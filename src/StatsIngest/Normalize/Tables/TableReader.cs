using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Reads the body of a <see cref="PublishedTable"/> into observations, the same way for every publication layout:
/// section rows set the context, "其中"/"#" rows are subsets of the row above, notes rows become notes of the file,
/// labels map through the code lists (or are flagged unmapped), units come from the label, the column header, the
/// unit row or the indicator (万元 is stored in 亿元 with its factor), and unreadable cells count against the error
/// budget — reported with sheet, row, column and text either way.
/// </summary>
public sealed class TableReader
{
    private static readonly string[] NoteStarts = ["注", "附注", "说明", "数据来源", "资料来源", "备注", "source", "note", "*"];

    private readonly PublishedTable _table;
    private readonly NormalizeContext _context;
    private readonly TableSettings _settings;
    private readonly List<Problem> _problems = [];
    private readonly List<string> _notes = [];
    private readonly List<Observation> _observations = [];
    private readonly List<LabelMapping> _mappings = [];
    private readonly List<(Problem Problem, bool Headline)> _unreadable = [];

    public TableReader(PublishedTable table, NormalizeContext context, TableSettings settings)
    {
        _table = table;
        _context = context;
        _settings = settings;
    }

    /// <summary>The period of the table: the configured rule's, else the title's.</summary>
    public static (ParsedPeriod Period, string Source)? TablePeriod(PublishedTable table, NormalizeContext context)
    {
        if (context.Rule?.Period is { Length: > 0 } configured && PeriodParser.TryParse(configured, out var p))
        {
            return (p, $"rule '{context.Rule.Name}'");
        }

        return table.TitlePeriod is { } t ? (t.Period, $"cell {t.Cell.Reference} '{t.Text}'") : null;
    }

    /// <summary>The indicator a title names (the longest alias of four characters or more it contains), or null.</summary>
    public static CodeEntry? IndicatorInText(string text, CodeList indicators)
    {
        var folded = Label.MatchKey(text);
        return indicators.Entries
            .SelectMany(e => e.Aliases.Append(e.Name).Select(a => (Entry: e, Key: Label.MatchKey(a))))
            .Where(x => x.Key.Length >= 4 && folded.Contains(x.Key, StringComparison.Ordinal))
            .OrderByDescending(x => x.Key.Length)
            .Select(x => x.Entry)
            .FirstOrDefault();
    }

    /// <summary>The vintage a title announces: 初步核算 → provisional, 最终核实 → final; null when it says neither.</summary>
    public static ObservationStatus? StatusInText(string text)
    {
        var t = Label.Fold(text);
        if (t.Contains("初步核算", StringComparison.Ordinal) || t.Contains("初步", StringComparison.Ordinal)
            || t.Contains("快报", StringComparison.Ordinal) || t.Contains("初值", StringComparison.Ordinal))
        {
            return ObservationStatus.Provisional;
        }

        if (t.Contains("最终核实", StringComparison.Ordinal) || t.Contains("最终核算", StringComparison.Ordinal)
            || t.Contains("核实", StringComparison.Ordinal) || t.Contains("终值", StringComparison.Ordinal)
            || t.Contains("修订", StringComparison.Ordinal))
        {
            return ObservationStatus.Normal;
        }

        return t.Contains("预计", StringComparison.Ordinal) || t.Contains("估计", StringComparison.Ordinal) ? ObservationStatus.Estimated : null;
    }

    /// <summary>The status of a table: the rule's, else the title's, else final.</summary>
    public static ObservationStatus TableStatus(PublishedTable table, NormalizeContext context) =>
        context.Rule?.Status is { Length: > 0 } s && CanonicalVocabulary.TryStatus(s, out var st) ? st
        : StatusInText(table.Title) ?? ObservationStatus.Normal;

    /// <summary>The region of a table: the rule's, else one the title names, else the default.</summary>
    public static (string Region, string Source) TableRegion(PublishedTable table, NormalizeContext context)
    {
        if (context.Rule?.Region is { Length: > 0 } r)
        {
            return (context.Codes.Regions.Match(r)?.Code ?? Label.Fold(r), $"rule '{context.Rule.Name}'");
        }

        var title = Label.MatchKey(table.Title);
        var named = context.Codes.Regions.Entries
            .SelectMany(e => e.Aliases.Append(e.Code).Select(a => (Entry: e, Key: Label.MatchKey(a))))
            .Where(x => x.Key.Length >= 2 && title.Contains(x.Key, StringComparison.Ordinal))
            .OrderByDescending(x => x.Key.Length)
            .Select(x => x.Entry)
            .FirstOrDefault();
        return named is not null ? (named.Code, "the title") : (context.DefaultRegion, "the default (Indicators:DefaultRegion)");
    }

    public LayoutResult Read()
    {
        var sheet = _table.Sheet;
        var title = TablePeriod(_table, _context);
        var (region, regionSource) = TableRegion(_table, _context);
        var declaredUnit = _context.Rule?.Unit is { Length: > 0 } ru ? ru : _table.DeclaredUnit?.Unit;
        if (_table.DeclaredUnits.Select(u => u.Unit).Distinct().Count() > 1)
        {
            var units = _table.DeclaredUnits;
            _problems.Add(Problem.Error(
                $"Expected one unit declaration, found {units.Count} that disagree: {string.Join(", ", units.Select(u => $"'{u.Cell.Text}' in {u.Cell.Reference}"))}. " +
                "Fix the table or give the unit in a rule (Layouts:Rules, Unit).", sheet.Name, units[1].Cell.Row, units[1].Cell.Column, units[1].Cell.Text));
        }

        var columns = _table.Columns.Select(ColumnMeaning.Of).ToArray();
        var usable = new List<(ColumnMeaning Meaning, ReportingPeriod Period, Basis Basis)>();
        foreach (var c in columns)
        {
            if (c.Skip is not null)
            {
                _notes.Add($"Column {CellReference.ColumnLetters(c.Header.Column)} ('{c.Header.Text}') of sheet '{sheet.Name}' is not stored: it is {c.Skip}.");
                continue;
            }

            if (c.Unit is { } colUnit && colUnit != "%" && declaredUnit is not null && colUnit != declaredUnit && IsMoney(colUnit) && IsMoney(declaredUnit))
            {
                _problems.Add(Problem.Error(
                    $"Two conflicting units: the unit row says {declaredUnit}, this column header says {colUnit}. Expected one unit for the level cells.",
                    sheet.Name, _table.HeaderBottom, c.Header.Column, c.Header.Text));
                continue;
            }

            var resolved = c.Resolve(title?.Period);
            if (resolved is null)
            {
                if (c.Header.Path.Count > 0 || HasValues(c.Header.Column))
                {
                    _problems.Add(Problem.Error(
                        "Expected a period for this column: in its header (12月, 1—6月, 2024年12月, 2021年, 前三季度) or in the title " +
                        "(\"2023年1—6月…\"), or in a rule (Layouts:Rules, Period). Found none anywhere in the sheet.",
                        sheet.Name, _table.HeaderTop > 0 ? _table.HeaderTop : _table.FirstDataRow, c.Header.Column, c.Header.Text));
                }

                continue;
            }

            usable.Add((c, resolved.Value.Period, resolved.Value.Basis));
        }

        var rowsRead = 0;
        var section = string.Empty;
        var inFootnotes = false;
        RowTarget? parent = null;
        var subsetIndent = -1;
        var seen = new Dictionary<(SeriesKey, ReportingPeriod), string>();
        for (var r = _table.FirstDataRow; r <= sheet.Rows.Count && r > 0; r++)
        {
            var cells = sheet.Rows[r - 1];
            if (cells.Count == 0)
            {
                continue;
            }

            var labelCell = sheet.Cell(r, _table.LabelColumn);
            var raw = labelCell?.Text ?? string.Empty;
            var folded = Label.Fold(raw);
            var valueCells = usable.Select(u => sheet.Cell(r, u.Meaning.Header.Column)).Where(c => c is not null).ToArray();
            if (inFootnotes || IsNote(folded) || (labelCell is null && valueCells.Length == 0))
            {
                inFootnotes |= folded.StartsWith("附注", StringComparison.Ordinal) || folded.StartsWith("注:", StringComparison.Ordinal) || folded == "注";
                var note = string.Join(" ", cells.Select(c => c.Text.Trim()));
                if (note.Length > 0)
                {
                    _notes.Add(note);
                }

                continue;
            }

            if (valueCells.Length == 0)
            {
                section = folded;
                parent = null;
                subsetIndent = -1;
                continue;
            }

            rowsRead++;
            var indent = raw.Length - raw.TrimStart().Length;
            var (name, subset) = StripSubset(folded);
            if (!subset && parent is not null && subsetIndent > 0 && indent >= subsetIndent)
            {
                subset = true;
            }

            if (subset && folded != name)
            {
                subsetIndent = Math.Max(indent, 1);
            }
            else if (!subset)
            {
                subsetIndent = -1;
            }

            var unitCell = _table.UnitColumn is { } uc ? Label.Fold(_table.Text(r, uc)) : string.Empty;
            var codeCell = _table.CodeColumn is { } cc ? Label.Fold(_table.Text(r, cc)) : string.Empty;
            var target = codeCell.Length > 0 && _settings.MapLabel is null && _context.Codes.Industries.ByCode(codeCell) is { } coded
                ? new RowTarget(subset ? parent?.Indicator ?? _settings.Indicator : _settings.Indicator, region, coded.Code, unitCell.Length > 0 ? unitCell : null,
                    ObservationFlags.None, $"{(subset ? parent?.Indicator ?? _settings.Indicator : _settings.Indicator)} · {coded.Kind} {coded.Code} {coded.Name} (by the code column)")
                : Map(name, subset ? parent : null, region, section, unitCell.Length > 0 ? unitCell : null);
            if (subset)
            {
                target = target with { Flags = target.Flags | ObservationFlags.Subset };
            }
            else
            {
                parent = target;
            }

            // Headline rows: the first row, and the total of the table's indicator for the table's own region (a
            // region table's 市州 rows are detail rows).
            var headline = rowsRead == 1 || (target.Industry == SeriesKey.AllIndustries && target.Indicator == _settings.Indicator
                                             && target.Region == region && !target.Flags.HasFlag(ObservationFlags.Unmapped));
            _mappings.Add(new LabelMapping(sheet.Name, r, raw.Trim(), target.MappedTo, target.Flags.HasFlag(ObservationFlags.Unmapped), subset));
            if (target.Flags.HasFlag(ObservationFlags.Unmapped))
            {
                _problems.Add(Problem.Warning(
                    $"This label matches no entry of config/codelists ({(_settings.Rows == RowLabelKind.Regions ? "regions.json" : "industries.json, indicators.json, products.json, regions.json")}); " +
                    "its values are stored under the label as written and flagged unmapped. Add it as an alias to map it.",
                    sheet.Name, r, _table.LabelColumn, raw.Trim()));
            }

            foreach (var (meaning, period, basis) in usable)
            {
                ReadCell(r, target, meaning, period, basis, declaredUnit, headline, seen);
            }
        }

        ApplyBudget();
        if (_table.FirstDataRow == 0)
        {
            _problems.Add(Problem.Error("Expected rows with a label and numbers below a header, found none.", sheet.Name));
        }

        var periodText = title is null ? "none found in the title" : $"'{title.Value.Period.Describe()}' from {title.Value.Source}";
        var unitText = declaredUnit is null
            ? "from the column headers, the row labels or the indicator"
            : $"{declaredUnit} from {(_context.Rule?.Unit is { Length: > 0 } ? $"rule '{_context.Rule.Name}'" : $"cell {_table.DeclaredUnit?.Cell.Reference}")}"
              + (ToStoredUnit(declaredUnit).Factor != 1 ? $" (levels stored in {ToStoredUnit(declaredUnit).Unit} × {ToStoredUnit(declaredUnit).Factor.ToString("R", CultureInfo.InvariantCulture)})" : string.Empty);
        string[] detail =
        [
            $"period {periodText}; unit {unitText}; region {region} from {regionSource}",
            $"indicator {_settings.Indicator}; status {_settings.Status} ({Codes.Of(_settings.Status)}); header rows {_table.HeaderTop}–{_table.HeaderBottom}; labels in column {CellReference.ColumnLetters(_table.LabelColumn)}",
            "columns: " + string.Join(", ", usable.Select(u =>
                $"{CellReference.ColumnLetters(u.Meaning.Header.Column)} '{u.Meaning.Header.Text}' = {u.Period.Code} {Codes.Of(u.Basis)} {(u.Meaning.Measure is { } m ? Codes.Of(m) : "by row")}")),
        ];
        return new LayoutResult(_observations, _problems, _notes, rowsRead) { Detail = string.Join('\n', detail), Mappings = _mappings };
    }

    private static bool IsMoney(string unit) => unit is "亿元" or "万元" or "元" or "千元" or "百万元";

    private static (double Factor, string Unit) ToStoredUnit(string unit) => unit switch
    {
        "万元" => (0.0001, "亿元"),
        "千元" => (0.00001, "亿元"),
        "百万元" => (0.01, "亿元"),
        "元" => (0.00000001, "亿元"),
        _ => (1, unit),
    };

    private static bool IsNote(string folded) =>
        NoteStarts.Any(n => folded.StartsWith(n, StringComparison.OrdinalIgnoreCase) && (n.Length > 1 || folded.Length == 1 || folded[1] is ':' or '：' or '1' or '①'))
        || (folded.Length > 0 && char.IsAsciiDigit(folded[0]) && folded.Length > 2 && folded[1] is '.' or '、');

    /// <summary>"其中：高技术制造业", "#制造业", "内：…" → the name and true.</summary>
    private static (string Name, bool Subset) StripSubset(string folded)
    {
        foreach (var prefix in new[] { "其中:", "其中", "#", "内:" })
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
            {
                return (folded[prefix.Length..].TrimStart(':'), true);
            }
        }

        return (folded, false);
    }

    private bool HasValues(int column) =>
        Enumerable.Range(_table.FirstDataRow, Math.Max(0, _table.Sheet.Rows.Count - _table.FirstDataRow + 1))
            .Any(r => _table.Sheet.Cell(r, column) is not null);

    private RowTarget Map(string name, RowTarget? parent, string region, string section, string? unitColumn)
    {
        if (_settings.MapLabel?.Invoke(name, region) is { } custom)
        {
            return custom;
        }

        var codes = _context.Codes;
        var (bare, unit) = PublishedTable.SplitUnit(name);
        unit ??= unitColumn;
        var indicator = parent?.Indicator ?? _settings.Indicator;
        var productSection = section.Contains("产品", StringComparison.Ordinal) || _table.LabelHeader.Contains("产品", StringComparison.Ordinal)
            || Label.Fold(_table.Title).Contains("产品产量", StringComparison.Ordinal);

        if (_settings.Rows == RowLabelKind.Regions)
        {
            return RegionTarget(bare, unit, indicator);
        }

        if (_settings.Rows == RowLabelKind.Mixed && codes.Indicators.Match(bare) is { } ind)
        {
            return new RowTarget(ind.Code, region, SeriesKey.AllIndustries, unit, ObservationFlags.None, $"indicator {ind.Code} {ind.Name}");
        }

        if (productSection || (unit is not null && unit != "%" && !IsMoney(unit) && codes.Products.Match(bare) is not null))
        {
            var product = codes.Products.Match(bare);
            return product is not null
                ? new RowTarget(product.Code, region, SeriesKey.AllIndustries, unit ?? product.Unit, ObservationFlags.None, $"product {product.Code} {product.Name}")
                : new RowTarget(bare, region, SeriesKey.AllIndustries, unit, ObservationFlags.Unmapped, "unmapped product");
        }

        if (codes.Industries.Match(bare) is { } industry)
        {
            return new RowTarget(indicator, region, industry.Code, unit, ObservationFlags.None,
                $"{indicator} · {(industry.Kind.Length > 0 ? industry.Kind + " " : string.Empty)}{industry.Code} {industry.Name}");
        }

        if (codes.Regions.Match(bare) is { } known)
        {
            return new RowTarget(indicator, known.Code, SeriesKey.AllIndustries, unit, ObservationFlags.None, $"{indicator} · region {known.Code}");
        }

        if (IsRegionHeader(_table.LabelHeader) || IsRegionHeader(section))
        {
            return RegionTarget(bare, unit, indicator);
        }

        return new RowTarget(indicator, region, bare, unit, ObservationFlags.Unmapped, $"{indicator} · unmapped industry label");
    }

    private RowTarget RegionTarget(string bare, string? unit, string indicator)
    {
        var known = _context.Codes.Regions.Match(bare);
        if (known is not null)
        {
            return new RowTarget(indicator, known.Code, SeriesKey.AllIndustries, unit, ObservationFlags.None, $"{indicator} · region {known.Code}");
        }

        return _context.Codes.Industries.Match(bare) is { Code: SeriesKey.AllIndustries }
            ? new RowTarget(indicator, TableRegion(_table, _context).Region, SeriesKey.AllIndustries, unit, ObservationFlags.None, $"{indicator} · total")
            : new RowTarget(indicator, bare, SeriesKey.AllIndustries, unit, ObservationFlags.Unmapped, $"{indicator} · unmapped region");
    }

    private static bool IsRegionHeader(string text) =>
        text.Contains("地区", StringComparison.Ordinal) || text.Contains("市州", StringComparison.Ordinal)
        || text.Contains("市(州)", StringComparison.Ordinal) || text.Contains("区县", StringComparison.Ordinal)
        || text.Contains("县市区", StringComparison.Ordinal) || text.Contains("县(市、区)", StringComparison.Ordinal)
        || text.Contains("地市", StringComparison.Ordinal);

    private void ReadCell(int row, RowTarget target, ColumnMeaning meaning, ReportingPeriod period, Basis basis, string? declaredUnit,
        bool headline, Dictionary<(SeriesKey, ReportingPeriod), string> seen)
    {
        var sheet = _table.Sheet;
        var column = meaning.Header.Column;
        var cell = sheet.Cell(row, column);
        var text = cell?.Text ?? string.Empty;
        var measure = target.Measure ?? meaning.Measure ?? (declaredUnit == "%" ? Measure.YoY : Measure.Level);
        if (target.Basis != BasisHint.None && target.Basis != meaning.Basis)
        {
            var narrowed = (meaning with { Basis = target.Basis }).Resolve(period.Kind == PeriodKind.Month
                ? new ParsedPeriod(period.Year, 1, period.Number, false, true)
                : null);
            if (narrowed is { } n)
            {
                (period, basis) = n;
            }
        }

        // January is never published alone, and February's 当月 is the 1—2月 figure: a blank there is no observation.
        if (text.Length == 0 && basis == Basis.Month && period.Kind == PeriodKind.Month && period.Number <= 2)
        {
            return;
        }

        var value = ValueParser.Parse(text);
        if (!value.IsValid || value.Kind == ValueKind.PercentagePoints)
        {
            var problem = Problem.Error(
                value.Kind == ValueKind.PercentagePoints
                    ? "This cell is a change in percentage points, but the column holds " + (measure == Measure.Level ? "levels" : "growth rates") + "."
                    : "Expected a number (1234.5, -2.1, 下降2.1%, 增长1.37倍) or a missing marker (…, —, x, blank).",
                sheet.Name, row, column, text);
            _unreadable.Add((problem, headline));
            return;
        }

        string unit;
        double factor = 1;
        if (measure == Measure.Level)
        {
            var unitColumn = _table.UnitColumn is { } uc ? Label.Fold(_table.Text(row, uc)) : string.Empty;
            var published = target.Unit ?? (unitColumn.Length > 0 ? unitColumn : null) ?? (meaning.Unit is { } cu && cu != "%" ? cu : null) ?? declaredUnit
                ?? _context.Codes.Indicators.ByCode(target.Indicator)?.Unit ?? _context.Codes.Products.ByCode(target.Indicator)?.Unit ?? string.Empty;
            (factor, unit) = ToStoredUnit(published);
        }
        else
        {
            unit = "%";
        }

        var key = new SeriesKey(target.Indicator, target.Region, target.Industry, basis, measure);
        var reference = CellReference.ToA1(row, column);
        if (seen.TryGetValue((key, period), out var earlier))
        {
            _problems.Add(Problem.Warning($"The same series and period was already read from {earlier}; this cell is not stored.", sheet.Name, row, column, text));
            return;
        }

        seen[(key, period)] = reference;
        var number = value.Kind == ValueKind.Missing ? null : value.Number * factor;
        if (number is { } n2 && factor != 1)
        {
            number = Math.Round(n2, 10);
        }

        _observations.Add(new Observation(key, period, number, unit,
            value.Kind == ValueKind.Missing ? ObservationStatus.Missing : _settings.Status,
            new Provenance(_context.FileName, _context.Sha256, sheet.Name, reference, text))
        {
            Label = _table.Text(row, _table.LabelColumn).Trim(),
            Flags = target.Flags,
            UnitFactor = factor,
        });
    }

    private void ApplyBudget()
    {
        var budget = new ErrorBudget(
            _context.Rule?.HeadlineErrorBudget ?? _context.Budget.HeadlineRows,
            _context.Rule?.DetailErrorBudget ?? _context.Budget.DetailRows);
        var headline = _unreadable.Count(u => u.Headline);
        var detail = _unreadable.Count - headline;
        var over = headline > budget.HeadlineRows || detail > budget.DetailRows;
        foreach (var (p, isHeadline) in _unreadable)
        {
            var budgetText = string.Create(CultureInfo.InvariantCulture,
                $" ({(isHeadline ? "headline" : "detail")} row; the error budget allows {(isHeadline ? budget.HeadlineRows : budget.DetailRows)} unreadable cells in {(isHeadline ? "headline" : "detail")} rows, this file has {(isHeadline ? headline : detail)}{(over ? ": the file is not stored" : ": the cell is skipped")}.)");
            _problems.Add(over ? p with { Message = p.Message + budgetText } : Problem.Warning(p.Message + budgetText, p.Sheet, p.Row, p.Column, p.Found));
        }
    }
}
