using System.Globalization;

namespace StatsIngest.Domain;

/// <summary>
/// A calendar period an observation refers to: a year (<c>2022</c>), a quarter (<c>2022-Q3</c>) or a month
/// (<c>2023-03</c>). Whether the value covers only that month/quarter or the year to its end is said by the
/// series' <see cref="Basis"/>, as in SDMX: period <c>2023-02</c> with basis <see cref="Basis.YearToDate"/> is 1—2月.
/// </summary>
public readonly record struct ReportingPeriod : IComparable<ReportingPeriod>
{
    private ReportingPeriod(int year, PeriodKind kind, int number)
    {
        Year = year;
        Kind = kind;
        Number = number;
    }

    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>The quarter (1–4) or month (1–12); 0 for a year.</summary>
    public int Number { get; }

    /// <summary>The last calendar month the period reaches.</summary>
    public int EndMonth => Kind switch
    {
        PeriodKind.Year => 12,
        PeriodKind.Quarter => Number * 3,
        _ => Number,
    };

    /// <summary>
    /// <c>2022</c>, <c>2022-Q3</c>, <c>2023-03</c>: made once per period of the plausible years and kept (a store's
    /// rows, inputs and keys ask for it millions of times), any other made each time.
    /// </summary>
    public string Code
    {
        get
        {
            var slot = Ordinal;
            return slot < 0 ? Format() : CodeCache[slot] ??= Format(); // a race makes the same text twice, harmlessly
        }
    }

    /// <summary>
    /// The period's number among every period of the plausible years (1949 to 2200; of each year, the year, its four
    /// quarters and its twelve months, in that order), or -1 outside them: a dense key, for tables by period.
    /// </summary>
    public int Ordinal => IsPlausibleYear(Year) ? ((Year - FirstYear) * PeriodsPerYear) + (Kind switch { PeriodKind.Year => 0, PeriodKind.Quarter => Number, _ => 4 + Number }) : -1;

    /// <summary>How many periods have an <see cref="Ordinal"/>: every one is from 0 to this, less one.</summary>
    public const int OrdinalCount = (LastYear - FirstYear + 1) * PeriodsPerYear;

    /// <summary>The period of an <see cref="Ordinal"/>.</summary>
    public static ReportingPeriod FromOrdinal(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        var (years, slot) = Math.DivRem(ordinal, PeriodsPerYear);
        var year = FirstYear + years;
        return slot switch
        {
            0 => ForYear(year),
            <= 4 => ForQuarter(year, slot),
            _ => ForMonth(year, slot - 4),
        };
    }

    private const int PeriodsPerYear = 17; // a year, 4 quarters, 12 months

    private const int FirstYear = 1949;
    private const int LastYear = 2200;

    private static readonly string?[] CodeCache = new string?[OrdinalCount];

    private string Format() => Kind switch
    {
        PeriodKind.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
    };

    public static ReportingPeriod ForYear(int year) => new(CheckYear(year), PeriodKind.Year, 0);

    public static ReportingPeriod ForQuarter(int year, int quarter) =>
        quarter is >= 1 and <= 4
            ? new(CheckYear(year), PeriodKind.Quarter, quarter)
            : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.");

    public static ReportingPeriod ForMonth(int year, int month) =>
        month is >= 1 and <= 12
            ? new(CheckYear(year), PeriodKind.Month, month)
            : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1 to 12.");

    /// <summary>The same period one year earlier: the base of a year-on-year comparison.</summary>
    public ReportingPeriod PreviousYear() => new(Year - 1, Kind, Number);

    /// <summary>The period one step earlier at the same granularity (2023-03 → 2023-02, 2023-Q1 → 2022-Q4).</summary>
    public ReportingPeriod Previous() => Kind switch
    {
        PeriodKind.Year => new(Year - 1, Kind, 0),
        PeriodKind.Quarter => Number == 1 ? new(Year - 1, Kind, 4) : new(Year, Kind, Number - 1),
        _ => Number == 1 ? new(Year - 1, Kind, 12) : new(Year, Kind, Number - 1),
    };

    /// <summary>Parses a code written by <see cref="Code"/>: <c>2022</c>, <c>2022-Q3</c>, <c>2023-03</c>.</summary>
    public static bool TryParseCode(string? code, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var text = code.Trim();
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            period = ForYear(y);
            return IsPlausibleYear(y);
        }

        if (text.Length == 7 && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out y) && IsPlausibleYear(y))
        {
            if ((text[5] == 'Q' || text[5] == 'q') && text[6] is >= '1' and <= '4')
            {
                period = ForQuarter(y, text[6] - '0');
                return true;
            }

            if (int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            {
                period = ForMonth(y, m);
                return true;
            }
        }

        return false;
    }

    public static ReportingPeriod ParseCode(string code) =>
        TryParseCode(code, out var p) ? p : throw new FormatException($"'{code}' is not a period code (expected 2022, 2022-Q3 or 2023-03).");

    /// <summary>A label as a Chinese statistical table writes it, for the basis of the series.</summary>
    public string ChineseLabel(Basis basis) => (Kind, basis) switch
    {
        (PeriodKind.Year, _) => string.Create(CultureInfo.InvariantCulture, $"{Year}年"),
        (PeriodKind.Quarter, Basis.YearToDate) when Number == 1 => string.Create(CultureInfo.InvariantCulture, $"{Year}年一季度"),
        (PeriodKind.Quarter, Basis.YearToDate) when Number == 2 => string.Create(CultureInfo.InvariantCulture, $"{Year}年上半年"),
        (PeriodKind.Quarter, Basis.YearToDate) when Number == 3 => string.Create(CultureInfo.InvariantCulture, $"{Year}年前三季度"),
        (PeriodKind.Quarter, Basis.YearToDate) => string.Create(CultureInfo.InvariantCulture, $"{Year}年全年"),
        (PeriodKind.Quarter, _) => string.Create(CultureInfo.InvariantCulture, $"{Year}年第{Number}季度"),
        (PeriodKind.Month, Basis.YearToDate) when Number == 1 => string.Create(CultureInfo.InvariantCulture, $"{Year}年1月"),
        (PeriodKind.Month, Basis.YearToDate) => string.Create(CultureInfo.InvariantCulture, $"{Year}年1—{Number}月"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Number}月"),
    };

    public int CompareTo(ReportingPeriod other)
    {
        var c = Year.CompareTo(other.Year);
        if (c != 0)
        {
            return c;
        }

        c = EndMonth.CompareTo(other.EndMonth);
        return c != 0 ? c : ((int)other.Kind).CompareTo((int)Kind);
    }

    public static bool operator <(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;

    private static bool IsPlausibleYear(int year) => year is >= FirstYear and <= LastYear;

    private static int CheckYear(int year) =>
        IsPlausibleYear(year) ? year : throw new ArgumentOutOfRangeException(nameof(year), year, "A year is 1949 to 2200.");
}
