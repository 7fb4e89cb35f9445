using StatsIngest.Domain;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// The sheet context of a table's cells, outermost in every key: a configured rule first, then the title and the unit
/// row, then the profile's indicator and the default region. Each with where it came from, for validate.
/// </summary>
public sealed class TableContext
{
    private TableContext()
    {
    }

    /// <summary>The context as a path: period, indicator, region, title status, measure (a word of the title, or the unit row).</summary>
    public PathFacts Facts { get; private init; } = PathFacts.Empty;

    public string? Indicator { get; private init; }

    public string Region { get; private init; } = string.Empty;

    public string? DeclaredUnit { get; private init; }

    /// <summary>A status a rule gives, which wins over what the table says.</summary>
    public ObservationStatus? RuleStatus { get; private init; }

    public ObservationStatus Status { get; private init; }

    public IReadOnlyList<Problem> Problems { get; private init; } = [];

    /// <summary>Why a year can not be a period's (outside Limits:MinYear–MaxYear), or null.</summary>
    public string? YearOutside(int year) => Normalize.YearOutside(year);

    private string PeriodSource { get; init; } = string.Empty;

    private string RegionSource { get; init; } = string.Empty;

    private string UnitSource { get; init; } = string.Empty;

    private string IndicatorSource { get; init; } = string.Empty;

    private TableInterpretation Table { get; init; } = null!;

    private NormalizeContext Normalize { get; init; } = null!;

    public static TableContext Of(TableInterpretation table, NormalizeContext context, Profile profile)
    {
        var rule = context.Rule;
        var title = table.TitleFacts;
        var (period, periodSource) = rule?.Period is { Length: > 0 } p && PeriodParser.TryParse(p, out var rp)
            ? (rp, $"rule '{rule.Name}'")
            : table.TitlePeriodCell is { } cell ? (cell.Facts.Period, $"cell {cell.Reference} '{cell.Text}'") : ((ParsedPeriod?)null, "none found in the title");
        var (indicator, indicatorSource) = rule?.Indicator is { Length: > 0 } i && context.Codes.Indicators.Match(i) is { } ri
            ? (ri.Code, $"rule '{rule.Name}'")
            : title.Indicator is { } ti ? (ti, "the title") : (profile.Indicator, profile.Indicator is null ? "none" : $"the profile {profile.Name}");
        var (region, regionSource) = rule?.Region is { Length: > 0 } r
            ? (context.Codes.Regions.Match(r)?.Code ?? Label.Fold(r), $"rule '{rule.Name}'")
            : title.Region is { } tr ? (tr, "the title") : (context.DefaultRegion, "the default (Indicators:DefaultRegion)");
        var declared = rule?.Unit is { Length: > 0 } ru ? ru : table.DeclaredUnits.Count > 0 ? table.DeclaredUnits[0].Unit : null;
        var ruleStatus = rule?.Status is { Length: > 0 } rs ? context.Lexicon.Words.Statuses.Find(rs)?.Meaning : null;
        var facts = PathFacts.Empty.WithSubject(indicator, null, false, false) with
        {
            Period = period,
            Region = region,
            Basis = title.Basis,
            Measure = title.Measure,
            MeasureFromUnit = declared is null ? null : declared == "%" ? Measure.YoY : Measure.Level,
            Unit = title.Measure is Measure.IndexPreviousYear or Measure.IndexPreviousMonth or Measure.IndexFixedBase ? title.Unit : declared,
        };
        return new TableContext
        {
            Facts = facts,
            Indicator = indicator,
            Region = region,
            DeclaredUnit = declared,
            RuleStatus = ruleStatus,
            Status = ruleStatus ?? title.Status ?? ObservationStatus.Normal,
            Problems = UnitConflicts(table),
            PeriodSource = periodSource,
            RegionSource = regionSource,
            UnitSource = rule?.Unit is { Length: > 0 } ? $"rule '{rule.Name}'" : table.DeclaredUnits.Count > 0 ? $"cell {table.DeclaredUnits[0].Cell.Reference}" : string.Empty,
            IndicatorSource = indicatorSource,
            Table = table,
            Normalize = context,
        };
    }

    private static Problem[] UnitConflicts(TableInterpretation table)
    {
        var units = table.DeclaredUnits;
        if (units.Select(u => u.Unit).Distinct().Count() <= 1)
        {
            return [];
        }

        return
        [
            Problem.Error(
                $"Expected one unit declaration, found {units.Count} that disagree: {string.Join(", ", units.Select(u => $"'{u.Cell.Text}' in {u.Cell.Reference}"))}. " +
                "Fix the table or give the unit in a rule (Layouts:Rules, Unit).", table.Geometry.Sheet.Name, units[1].Cell.Row, units[1].Cell.Column, units[1].Cell.Text),
        ];
    }

    /// <summary>What validate prints of a table: the context found and each column's key.</summary>
    public string Describe(IReadOnlyList<ColumnReading> columns)
    {
        var g = Table.Geometry;
        var period = Facts.Period is { } p ? $"'{p.Describe()}' from {PeriodSource}" : PeriodSource;
        var unit = DeclaredUnit is null
            ? "from the column headers, the row labels or the indicator"
            : $"{DeclaredUnit} from {UnitSource}" + (Normalize.Lexicon.Units.ToStored(DeclaredUnit, Indicator is null ? null : Normalize.Codes.Indicators.ByCode(Indicator)?.Unit) is { Factor: not 1 } c
                ? $" (levels stored in {c.Unit} × {c.Factor.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})"
                : string.Empty);
        string[] lines =
        [
            $"table {g.Range}: period {period}; unit {unit}; region {Region} from {RegionSource}",
            $"indicator {Indicator ?? "none"} from {IndicatorSource}; status {Status} ({Codes.Of(Status)}); header rows {g.HeaderTop}–{g.HeaderBottom}; " +
            $"stub {string.Join(", ", Table.StubKinds.Select(k => $"{CellReference.ColumnLetters(k.Column)} ({k.Kind.ToString().ToLowerInvariant()})"))}",
            "columns: " + string.Join(", ", columns.Select(c => $"{CellReference.ColumnLetters(c.Column)} '{c.HeaderText}' = {Key(c)}")),
        ];
        return string.Join('\n', lines);
    }

    private string Key(ColumnReading column)
    {
        var k = CellKey.Compose(this, column.Facts, PathFacts.Empty, Normalize.Lexicon);
        var rowsGivePeriods = Table.DataRows.Any(r => r.Facts.Period is not null);
        return k.Missing is not null || rowsGivePeriods
            ? "period from the rows" + ((column.Facts.Measure ?? column.Facts.MeasureFromUnit) is { } m ? ", " + Codes.Of(m) : string.Empty)
            : $"{k.Period.Code} {Codes.Of(k.Basis)} {Codes.Of(k.Measure)}";
    }
}
