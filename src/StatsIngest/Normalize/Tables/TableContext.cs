using StatsIngest.Domain;
using StatsIngest.Messages;
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

    /// <summary>
    /// The indicator of a row or a value: the one it, the title or a rule names; else the one its entry is a part of
    /// (第二产业, 建筑业: GDP); else the profile's. A profile's indicator is a guess about the table, the entry's a fact
    /// about the entry: "第二产业增加值当季值" in a portal export was stored as a part of 规模以上工业增加值.
    /// </summary>
    public string? IndicatorOf(PathFacts path) =>
        path.Indicator ?? Facts.Indicator ?? (path.Industry is { } part ? Normalize.Codes.Industries.ByCode(part)?.Indicator : null) ?? Indicator;

    public string Region { get; private init; } = string.Empty;

    public string? DeclaredUnit { get; private init; }

    /// <summary>A status a rule gives, which wins over what the table says.</summary>
    public ObservationStatus? RuleStatus { get; private init; }

    public ObservationStatus Status { get; private init; }

    public IReadOnlyList<Problem> Problems { get; private init; } = [];

    /// <summary>Why a year can not be a period's (outside Limits:MinYear–MaxYear), or null.</summary>
    public Msg? YearOutside(int year) => Normalize.YearOutside(year);

    private Msg PeriodSource { get; init; } = Msg.Verbatim(string.Empty);

    private Msg RegionSource { get; init; } = Msg.Verbatim(string.Empty);

    private Msg? UnitSource { get; init; }

    private Msg IndicatorSource { get; init; } = Msg.Verbatim(string.Empty);

    private TableInterpretation Table { get; init; } = null!;

    private NormalizeContext Normalize { get; init; } = null!;

    /// <summary>
    /// The row naming the table's one region when other rows name none: a total row "全省" followed by its breakdown
    /// (by ownership, by industry) makes that region the breakdown's. Two regions named, or every row naming one: none.
    /// </summary>
    private static RowReading? OnlyRegionRow(TableInterpretation table)
    {
        var rows = table.DataRows.ToArray();
        var named = rows.Where(r => r.Facts.Region is not null).ToArray();
        return named.Length > 0 && named.Length < rows.Length && named.Select(r => r.Facts.Region).Distinct().Count() == 1 ? named[0] : null;
    }

    public static TableContext Of(TableInterpretation table, NormalizeContext context, Profile profile)
    {
        var rule = context.Rule;
        var title = table.TitleFacts;
        var byRule = rule is null ? null : Msg.Of("rule '{rule}'", ("rule", rule.Name));
        var theTitle = Msg.Of("the title");
        var (period, periodSource) = rule?.Period is { Length: > 0 } p && PeriodParser.TryParse(p, out var rp)
            ? (rp, byRule!)
            : table.TitlePeriodCell is { } cell ? (cell.Facts.Period, Msg.Of("cell {cell} '{text}'", ("cell", cell.Reference), ("text", cell.Text))) : ((ParsedPeriod?)null, Msg.Of("none found in the title"));
        var ruled = rule?.Indicator is { Length: > 0 } i ? context.Codes.Indicators.Match(i)?.Code : null;
        var guessed = ruled is null && title.Indicator is null;
        var (indicator, indicatorSource) = ruled is not null ? (ruled, byRule!)
            : title.Indicator is { } ti ? (ti, theTitle) : (profile.Indicator, profile.Indicator is null ? Msg.Of("none") : Msg.Of("the profile {profile}", ("profile", profile.Name)));
        var (region, regionSource) = rule?.Region is { Length: > 0 } r
            ? (context.Codes.Regions.Match(r)?.Code ?? Label.Fold(r), byRule!)
            : title.Region is { } tr ? (tr, theTitle)
            : OnlyRegionRow(table) is { } row ? (row.Facts.Region!, Msg.Of("the table's one region row ({cell} '{text}')", ("cell", CellReference.ToA1(row.Row, table.LabelColumn)), ("text", row.Label)))
            : (context.DefaultRegion, Msg.Of("the default (Indicators:DefaultRegion)"));
        var declared = rule?.Unit is { Length: > 0 } ru ? ru : table.DeclaredUnits.Count > 0 ? table.DeclaredUnits[0].Unit : null;
        var ruleStatus = rule?.Status is { Length: > 0 } rs ? context.Lexicon.Words.Statuses.Find(rs)?.Meaning : null;
        var facts = PathFacts.Empty.WithSubject(guessed ? null : indicator, null, false, false) with
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
            UnitSource = rule?.Unit is { Length: > 0 } ? byRule : table.DeclaredUnits.Count > 0 ? Msg.Of("cell {cell}", ("cell", table.DeclaredUnits[0].Cell.Reference)) : null,
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
                Msg.Of("Expected one unit declaration, found {count} that disagree: {units}. Fix the table or give the unit in a rule (Layouts:Rules, Unit).",
                    ("count", units.Count), ("units", Msg.List(units.Select(u => Msg.Of("'{text}' in {cell}", ("text", u.Cell.Text), ("cell", u.Cell.Reference)))))),
                table.Geometry.Sheet.Name, units[1].Cell.Row, units[1].Cell.Column, units[1].Cell.Text),
        ];
    }

    /// <summary>What validate prints of a table: the context found and each column's key.</summary>
    public IReadOnlyList<Msg> Describe(IReadOnlyList<ColumnReading> columns)
    {
        var g = Table.Geometry;
        var period = Facts.Period is { } p ? Msg.Of("'{period}' from {source}", ("period", p.Describe()), ("source", PeriodSource)) : PeriodSource;
        var unit = DeclaredUnit is null ? Msg.Of("from the column headers, the row labels or the indicator")
            : Normalize.Lexicon.Units.ToStored(DeclaredUnit, Indicator is null ? null : Normalize.Codes.Indicators.ByCode(Indicator)?.Unit) is { Factor: not 1 } c
                ? Msg.Of("'{unit}' from {source} (levels stored in '{stored}' × {factor})", ("unit", DeclaredUnit), ("source", UnitSource), ("stored", c.Unit), ("factor", c.Factor.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
                : Msg.Of("'{unit}' from {source}", ("unit", DeclaredUnit), ("source", UnitSource));
        var stub = Msg.List(Table.StubKinds.Select(k => Msg.Of("{column} ({kind})", ("column", CellReference.ColumnLetters(k.Column)), ("kind", KindName(k.Kind)))));
        return
        [
            Msg.Of("table {range}: period {period}; unit {unit}; region '{region}' from {source}", ("range", g.Range), ("period", period), ("unit", unit), ("region", Region), ("source", RegionSource)),
            Msg.Of("indicator {indicator} from {source}; status {status}; header rows {top}–{bottom}; stub {stub}",
                ("indicator", Indicator is null ? Msg.Of("none") : Msg.Verbatim(Indicator)), ("source", IndicatorSource), ("status", Codes.Of(Status)), ("top", g.HeaderTop), ("bottom", g.HeaderBottom), ("stub", stub)),
            Msg.Of("columns: {columns}", ("columns", Msg.List(columns.Select(c => Msg.Of("{column} '{header}' = {key}", ("column", CellReference.ColumnLetters(c.Column)), ("header", c.HeaderText), ("key", Key(c))))))),
        ];
    }

    private Msg Key(ColumnReading column)
    {
        var k = CellKey.Compose(this, column.Facts, PathFacts.Empty, Normalize.Lexicon);
        var rowsGivePeriods = Table.DataRows.Any(r => r.Facts.Period is not null);
        return k.Missing is not null || rowsGivePeriods
            ? (column.Facts.Measure ?? column.Facts.MeasureFromUnit) is { } m ? Msg.Of("period from the rows, {measure}", ("measure", Codes.Of(m))) : Msg.Of("period from the rows")
            : Msg.Verbatim($"{k.Period.Code} {Codes.Of(k.Basis)} {Codes.Of(k.Measure)}");
    }

    private static Msg KindName(StubKind kind) => kind switch
    {
        StubKind.Region => Msg.Of("region"),
        StubKind.Period => Msg.Of("period"),
        StubKind.Code => Msg.Of("code"),
        StubKind.Unit => Msg.Of("unit"),
        StubKind.Product => Msg.Of("product"),
        StubKind.Industry => Msg.Of("industry"),
        StubKind.Indicator => Msg.Of("indicator"),
        _ => Msg.Of("label"),
    };
}
