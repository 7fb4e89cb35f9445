using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// What a path of cells says together — a column's header cells top to bottom, a row's section, parent and stub
/// cells left to right, or the title lines: an inner cell overrides an outer one (第二产业 › 工业 is 工业), an
/// indicator resets the industry while an industry keeps the indicator (地区生产总值 › 第一产业 is GDP of the
/// primary sector), a total (合计) keeps what is around it, and a period without a year takes the outer one's.
/// </summary>
public sealed record PathFacts
{
    public static PathFacts Empty { get; } = new();

    public ParsedPeriod? Period { get; init; }

    /// <summary>
    /// The year of the dated period before this one in the same header row or stub column ("2023年1-2月 | 3月": 2023 for
    /// 3月), when this one has none and is not earlier in the year; used only when nothing else gives a year.
    /// </summary>
    public int? CarriedYear { get; init; }

    /// <summary>The period, dated by <see cref="CarriedYear"/> when it has no year of its own (null when there is none).</summary>
    public ParsedPeriod? DatedPeriod => Period is { Year: null } undated && CarriedYear is { } year ? undated with { Year = year } : Period;

    public Basis? Basis { get; init; }

    /// <summary>A measure a word says (同比增长, 绝对额, 指数（上年=100）).</summary>
    public Measure? Measure { get; init; }

    /// <summary>A measure only the unit says (% → growth, 亿元 → level).</summary>
    public Measure? MeasureFromUnit { get; init; }

    public string? Unit { get; init; }

    public string? Indicator { get; init; }

    public string? Industry { get; init; }

    public bool NamesSubject { get; init; }

    public string? Region { get; init; }

    public ObservationStatus? Status { get; init; }

    public string? Skip { get; init; }

    public bool Subset { get; init; }

    /// <summary>The subject (indicator, product or industry) is a label kept as written.</summary>
    public bool UnmappedSubject { get; init; }

    /// <summary>The region is a label kept as written.</summary>
    public bool UnmappedRegion { get; init; }

    public bool Unmapped => UnmappedSubject || UnmappedRegion;

    public Msg? Ambiguous { get; init; }

    public PathFacts With(CellFacts f)
    {
        var p = this with
        {
            Period = f.Period is { } fp ? (Period is { } outer ? PeriodResolution.Compose(outer, fp) : fp) : Period,
            Basis = f.Basis ?? Basis,
            Measure = f.Measure is { } m && !f.MeasureFromUnit ? m : Measure,
            MeasureFromUnit = f.Measure is { } mu && f.MeasureFromUnit ? mu : MeasureFromUnit,
            Unit = f.Unit ?? Unit,
            Region = f.Region ?? Region,
            UnmappedRegion = f.Region is not null ? f.Unmapped && f.Indicator is null && f.Industry is null : UnmappedRegion,
            Status = f.Status ?? Status,
            Skip = f.Skip ?? Skip,
            Subset = Subset || f.Subset,
            Ambiguous = f.Ambiguous ?? Ambiguous,
        };
        return p.WithSubject(f.Indicator, f.Industry, f.IsTotal, f.Unmapped);
    }

    /// <summary>Applies an inner path's subject over this one's (the composition rule above).</summary>
    public PathFacts WithSubject(string? indicator, string? industry, bool total, bool unmapped)
    {
        if (indicator is not null)
        {
            return this with { Indicator = indicator, Industry = industry, NamesSubject = true, UnmappedSubject = unmapped };
        }

        if (industry is not null)
        {
            return this with { Industry = industry, NamesSubject = true, UnmappedSubject = unmapped };
        }

        return total && !NamesSubject ? this with { NamesSubject = true } : this;
    }

    /// <summary>This path's facts, then an inner path's over them (the title, then a column, then a row).</summary>
    public PathFacts Then(PathFacts inner)
    {
        var p = this with
        {
            Period = inner.Period is { } ip ? (Period is { } op ? PeriodResolution.Compose(op, ip) : ip) : Period,
            CarriedYear = inner.CarriedYear ?? CarriedYear,
            Basis = inner.Basis ?? Basis,
            Measure = inner.Measure ?? Measure,
            MeasureFromUnit = inner.MeasureFromUnit ?? MeasureFromUnit,
            Unit = inner.Unit ?? Unit,
            Region = inner.Region ?? Region,
            UnmappedRegion = inner.Region is not null ? inner.UnmappedRegion : UnmappedRegion,
            Status = inner.Status ?? Status,
            Skip = inner.Skip ?? Skip,
            Subset = Subset || inner.Subset,
            Ambiguous = inner.Ambiguous ?? Ambiguous,
        };
        return inner.NamesSubject ? p.WithSubject(inner.Indicator, inner.Industry, inner.Indicator is null && inner.Industry is null, inner.UnmappedSubject) : p;
    }

    public static PathFacts Of(IEnumerable<CellFacts> cells) => cells.Aggregate(Empty, (p, f) => p.With(f));
}
