using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// The canonical tidy table: a header row (期间/period, 地区/region, 指标/indicator, 行业/industry, 口径/basis,
/// 度量/measure, 数值/value, 单位/unit, 状态/status — Chinese or English), then one observation per row.
/// Period, indicator, measure and value are required; region, industry, basis, unit and status have defaults.
/// Rows starting with 注/note/数据来源 are notes.
/// </summary>
public sealed class CanonicalTableLayout : ILayout
{
    private const int HeaderSearchRows = 20;

    public string Name => "canonical";

    public string Description =>
        "canonical tidy table: a header row with 期间/period, 指标/indicator, 度量/measure, 数值/value " +
        "(and optionally 地区/region, 行业/industry, 口径/basis, 单位/unit, 状态/status), one observation per row";

    public LayoutMatch Match(RawSheet sheet)
    {
        var (_, columns) = FindHeader(sheet);
        var found = CanonicalVocabulary.Required.Count(columns.ContainsKey);
        var missing = CanonicalVocabulary.Required
            .Where(c => !columns.ContainsKey(c))
            .Select(c => $"a '{CanonicalVocabulary.Headers[c][0]}/{CanonicalVocabulary.Headers[c].First(h => h.All(char.IsAsciiLetterLower))}' column")
            .ToArray();
        return new LayoutMatch((double)found / CanonicalVocabulary.Required.Length, missing)
        {
            Specificity = 4,
            Found = [$"the canonical headers {string.Join(", ", CanonicalVocabulary.Required.Where(columns.ContainsKey))}"],
        };
    }

    public LayoutResult Read(RawSheet sheet, NormalizeContext context)
    {
        var (headerRow, columns) = FindHeader(sheet);
        var problems = new List<Problem>();
        var notes = new List<string>();
        var observations = new List<Observation>();
        var seen = new Dictionary<(SeriesKey, ReportingPeriod), (int Row, double? Value)>();
        var rowsRead = 0;

        foreach (var unknown in sheet.Rows[headerRow - 1].Where(c => CanonicalVocabulary.Header(c.Text) is null))
        {
            problems.Add(Problem.Warning("This column header is not one of the canonical table's; the column is ignored.",
                sheet.Name, headerRow, unknown.Column, unknown.Text));
        }

        for (var r = headerRow + 1; r <= sheet.Rows.Count; r++)
        {
            var cells = sheet.Rows[r - 1];
            if (cells.Count == 0)
            {
                continue;
            }

            if (IsNote(cells[0].Text))
            {
                notes.Add(string.Join(" ", cells.Select(c => c.Text)));
                continue;
            }

            rowsRead++;
            var row = new RowReader(sheet, r, columns, problems);
            var obs = ReadRow(row, context);
            if (obs is null)
            {
                continue;
            }

            if (seen.TryGetValue((obs.Key, obs.Period), out var earlier))
            {
                if (earlier.Value != obs.Value)
                {
                    problems.Add(Problem.Error(
                        $"This row gives {Show(obs.Value)} for {obs.Key} {obs.Period.Code}, but row {earlier.Row} gives {Show(earlier.Value)} " +
                        "for the same series and period. Expected one value per series and period in a file.",
                        sheet.Name, r, columns[CanonicalColumn.Value], row.Text(CanonicalColumn.Value)));
                }

                continue;
            }

            seen[(obs.Key, obs.Period)] = (r, obs.Value);
            observations.Add(obs);
        }

        if (rowsRead == 0)
        {
            problems.Add(Problem.Error("Expected at least one data row below the header row, found none.", sheet.Name, headerRow));
        }

        return new LayoutResult(observations, problems, notes, rowsRead);
    }

    private static bool IsNote(string text)
    {
        var first = Label.Fold(text);
        return first.StartsWith('注') || first.StartsWith("note", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("数据来源", StringComparison.Ordinal) || first.StartsWith('#');
    }

    private static Observation? ReadRow(RowReader row, NormalizeContext context)
    {
        var errorsBefore = row.ErrorCount;

        var indicator = context.Codes.Indicators.Match(row.Text(CanonicalColumn.Indicator));
        if (indicator is null)
        {
            row.Error(CanonicalColumn.Indicator,
                $"Expected an indicator of config/codelists/indicators.json ({string.Join(", ", context.Codes.Indicators.Entries.Select(e => e.Name))}) or one of their aliases.");
        }

        var regionText = row.Text(CanonicalColumn.Region);
        var regionEntry = context.Codes.Regions.Match(regionText);
        var region = string.IsNullOrWhiteSpace(regionText) ? context.DefaultRegion : regionEntry?.Code ?? Label.Fold(regionText);
        if (!string.IsNullOrWhiteSpace(regionText) && regionEntry is null)
        {
            row.Warning(CanonicalColumn.Region, $"This region is not in config/codelists/regions.json; it is stored as written ('{region}').");
        }

        var industryText = row.Text(CanonicalColumn.Industry);
        var industry = string.IsNullOrWhiteSpace(industryText) ? SeriesKey.AllIndustries : context.Codes.Industries.Match(industryText)?.Code;
        if (industry is null)
        {
            row.Error(CanonicalColumn.Industry,
                "Expected a GB/T 4754-2017 section or division (name or code, e.g. 制造业, C, 39) or an alias from config/codelists/industries.json.");
        }

        (ReportingPeriod Period, Basis Basis)? resolved = null;
        if (!PeriodParser.TryParse(row.Text(CanonicalColumn.Period), out var parsed) || parsed.Year is null)
        {
            row.Error(CanonicalColumn.Period, "Expected a period with a year, such as 2022, 2023-03, 2022-Q3, 2023年1—3月 or 2022年前三季度.");
        }
        else
        {
            resolved = parsed.Resolve();
        }

        var basis = resolved?.Basis ?? Basis.Year;
        var basisText = row.Text(CanonicalColumn.Basis);
        if (!string.IsNullOrWhiteSpace(basisText))
        {
            if (CanonicalVocabulary.TryBasis(basisText, out var b))
            {
                basis = b;
            }
            else
            {
                row.Error(CanonicalColumn.Basis, "Expected a basis: 当月/month, 累计/ytd, 季度/quarter or 年度/year.");
            }
        }

        if (!CanonicalVocabulary.TryMeasure(row.Text(CanonicalColumn.Measure), out var measure))
        {
            row.Error(CanonicalColumn.Measure, "Expected a measure: 绝对量/level, 同比/yoy (year-on-year %), or 环比/mom (month-on-month %).");
        }

        if (!CanonicalVocabulary.TryStatus(row.Text(CanonicalColumn.Status), out var status))
        {
            row.Error(CanonicalColumn.Status, "Expected a status: 正常/final (A), 初步核算/provisional (P), 估计/estimated (E) or 缺失/missing (M).");
        }

        var value = ValueParser.Parse(row.Text(CanonicalColumn.Value));
        if (!value.IsValid)
        {
            row.Error(CanonicalColumn.Value, "Expected a number (e.g. 1234.5, -2.1, 下降2.1%) or a missing marker (…, —, x, blank).");
        }
        else if (value.Kind == ValueKind.PercentagePoints)
        {
            row.Error(CanonicalColumn.Value, "This is a change in percentage points, not a level or a growth rate; the canonical table has no measure for it.");
        }

        if (row.ErrorCount > errorsBefore || indicator is null || industry is null || resolved is null)
        {
            return null;
        }

        var number = value.Number;
        var unit = Label.Fold(row.Text(CanonicalColumn.Unit));
        if (unit.Length == 0)
        {
            unit = measure == Measure.Level ? indicator.Unit ?? string.Empty : "%";
        }
        else if (unit == "万元" && number is not null)
        {
            number /= 10000;
            unit = "亿元";
            row.Warning(CanonicalColumn.Unit, "Converted from 万元 to 亿元 (× 0.0001); the raw text keeps the original figure.");
        }

        if (value.Kind == ValueKind.Missing)
        {
            status = ObservationStatus.Missing;
        }

        var valueColumn = row.Column(CanonicalColumn.Value);
        var provenance = new Provenance(context.FileName, context.Sha256, row.Sheet.Name,
            CellReference.ToA1(row.RowNumber, valueColumn), row.Text(CanonicalColumn.Value));
        return new Observation(new SeriesKey(indicator.Code, region, industry, basis, measure), resolved.Value.Period, number, unit, status, provenance);
    }

    private static string Show(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "missing";

    private static (int HeaderRow, Dictionary<CanonicalColumn, int> Columns) FindHeader(RawSheet sheet)
    {
        var best = (Row: 1, Columns: new Dictionary<CanonicalColumn, int>());
        for (var r = 1; r <= Math.Min(HeaderSearchRows, sheet.Rows.Count); r++)
        {
            var columns = new Dictionary<CanonicalColumn, int>();
            foreach (var c in sheet.Rows[r - 1])
            {
                if (CanonicalVocabulary.Header(c.Text) is { } col)
                {
                    columns.TryAdd(col, c.Column);
                }
            }

            if (columns.Count > best.Columns.Count)
            {
                best = (r, columns);
            }
        }

        return best;
    }

    /// <summary>The cells of one data row by canonical column, collecting located problems.</summary>
    private sealed class RowReader(RawSheet sheet, int row, Dictionary<CanonicalColumn, int> columns, List<Problem> problems)
    {
        public RawSheet Sheet { get; } = sheet;

        public int RowNumber { get; } = row;

        public int ErrorCount => problems.Count(p => p.Severity == ProblemSeverity.Error);

        public int Column(CanonicalColumn c) => columns.GetValueOrDefault(c);

        public string Text(CanonicalColumn c) =>
            columns.TryGetValue(c, out var col) ? Sheet.Cell(RowNumber, col)?.Text ?? string.Empty : string.Empty;

        public void Error(CanonicalColumn c, string expected) =>
            problems.Add(Problem.Error(expected, Sheet.Name, RowNumber, columns.TryGetValue(c, out var col) ? col : null, Text(c)));

        public void Warning(CanonicalColumn c, string message) =>
            problems.Add(Problem.Warning(message, Sheet.Name, RowNumber, columns.TryGetValue(c, out var col) ? col : null, Text(c)));
    }
}
