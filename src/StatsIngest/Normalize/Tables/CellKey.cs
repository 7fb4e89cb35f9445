using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// The observation key of one data cell: the context, its column path and its row path composed. Measures follow
/// words before units and rows before columns before the title: a column saying 同比增长 beats a row saying (万吨).
/// </summary>
public readonly record struct CellKey(
    string Indicator, string Region, string Industry, Basis Basis, Measure Measure, ReportingPeriod Period,
    ObservationStatus Status, UnitConversion Conversion, ObservationFlags Flags, Msg? Missing)
{
    public static CellKey Compose(TableContext context, PathFacts column, PathFacts row, TableLexicon lexicon)
    {
        var path = context.Facts.Then(column).Then(row);
        if (path.DatedPeriod is not { Year: not null } period)
        {
            return Incomplete(Msg.Of("Expected a period for this column: in its header ('12月', '1—6月', '2024年12月', '2021年', '前三季度'), in the row labels (2021, '1-2月'), " +
                                     "in the title ('2023年1—6月…'), or in a rule (Layouts:Rules, Period). Found none anywhere in the sheet."));
        }

        if (context.YearOutside(period.Year.Value) is { } outside)
        {
            return Incomplete(outside);
        }

        var indicator = context.IndicatorOf(path);
        if (indicator is null)
        {
            return Incomplete(Msg.Of("Expected an indicator for this column: in its header, the row labels or the title ('地区生产总值', '规模以上工业增加值' … of " +
                                     "config/codelists/indicators.json), or in a rule (Layouts:Rules, Indicator). Found none."));
        }

        var resolved = PeriodResolution.Resolve(period, row.Basis ?? column.Basis ?? TitleBasis(context.Facts.Basis, period))!.Value;
        if (resolved.Period.Kind == PeriodKind.Month && lexicon.Words.MonthlyIndicators.TryGetValue(indicator, out var monthly))
        {
            indicator = monthly;
        }

        var measure = row.Measure ?? column.Measure ?? row.MeasureFromUnit ?? column.MeasureFromUnit ?? context.Facts.Measure ?? context.Facts.MeasureFromUnit ?? Measure.Level;
        if (measure == Measure.Level && (row.Unit == "%" || column.Unit == "%"))
        {
            // "工业销售产值" under "1-10月(%)": 产值 in a label is the indicator's name, the % its measure, as for a label mapped
            // whole (营业收入 under % is its growth). The word won, and the value was stored as a level in the indicator's 亿元.
            measure = (column.Measure ?? context.Facts.Measure) is Measure.MoM ? Measure.MoM : Measure.YoY;
        }

        var status = context.RuleStatus ?? column.Status ?? row.Status ?? context.Status;
        var flags = (row.Subset || column.Subset ? ObservationFlags.Subset : ObservationFlags.None) | (row.Unmapped || column.Unmapped ? ObservationFlags.Unmapped : ObservationFlags.None);
        return new CellKey(indicator, path.Region ?? context.Region, path.Industry ?? SeriesKey.AllIndustries, resolved.Basis, measure, resolved.Period,
            status, UnitOf(measure, indicator, context, column, row, lexicon), flags, null);
    }

    private static UnitConversion UnitOf(Measure measure, string indicator, TableContext context, PathFacts column, PathFacts row, TableLexicon lexicon)
    {
        switch (measure)
        {
            case Measure.YoY or Measure.MoM:
                return new UnitConversion("%", 1);
            case Measure.IndexPreviousYear or Measure.IndexPreviousMonth or Measure.IndexFixedBase:
                return new UnitConversion(IndexBase(row) ?? IndexBase(column) ?? context.Facts.Unit ?? string.Empty, 1);
        }

        var declared = lexicon.Codes.Indicators.ByCode(indicator)?.Unit ?? lexicon.Codes.Products.ByCode(indicator)?.Unit;
        var published = Level(row.Unit) ?? Level(column.Unit) ?? Level(context.DeclaredUnit) ?? declared;
        return published is null ? new UnitConversion(string.Empty, 1) : lexicon.Units.ToStored(published, declared);
    }

    /// <summary>
    /// The basis a title names ("指标：规模以上工业增加值累计增长(%)"), for a period written as one month or one quarter
    /// ("2023年10月" is then the year to October, "2023年第二季度" the year to June); a span the period writes itself
    /// ("1-10月", "前三季度", "2022年") is its own. A month is never made a quarter's, a quarter never a month's.
    /// </summary>
    private static Basis? TitleBasis(Basis? title, ParsedPeriod period)
    {
        var quarter = period.QuarterWording && period.EndMonth - period.StartMonth == 2;
        return title switch
        {
            Basis.YearToDate when period.IsSingleMonth || quarter => title,
            Basis.Month when period.IsSingleMonth => title,
            Basis.Quarter when quarter => title,
            _ => null,
        };
    }

    private static string? IndexBase(PathFacts p) =>
        p.Measure is Measure.IndexPreviousYear or Measure.IndexPreviousMonth or Measure.IndexFixedBase ? p.Unit : null;

    private static string? Level(string? unit) => unit is null or "%" ? null : unit;

    private static CellKey Incomplete(Msg what) =>
        new(string.Empty, string.Empty, string.Empty, default, default, default, default, default, default, what);
}
