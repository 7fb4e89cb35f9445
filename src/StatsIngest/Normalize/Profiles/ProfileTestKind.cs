namespace StatsIngest.Normalize.Profiles;

/// <summary>The tests a profile's features are made of.</summary>
public enum ProfileTestKind
{
    /// <summary>The title contains one of the values.</summary>
    TitleWords,

    /// <summary>The title gives a period (value "year": a whole year).</summary>
    TitlePeriod,

    /// <summary>The stub column has a header word (项目, 指标, 行业, 地区 …).</summary>
    StubHeader,

    /// <summary>Column headers give periods: "months" (worded in months), "withYear" (with a year), "years" (whole years).</summary>
    ColumnPeriods,

    /// <summary>Column headers give one of the bases (M, YTD, Q).</summary>
    ColumnBases,

    /// <summary>Column headers give a measure (a word or a unit).</summary>
    ColumnMeasure,

    /// <summary>A unit row (单位：…) above the table.</summary>
    DeclaredUnit,

    /// <summary>Row labels name one of the indicators.</summary>
    RowIndicators,

    /// <summary>Row labels name one of the industries or indicators given (sectors of the GDP accounts).</summary>
    RowSectors,

    /// <summary>Row labels name an industry (any when no values are given).</summary>
    RowIndustries,

    /// <summary>Row labels name an indicator and a measure together (工业增加值_累计增长(%)).</summary>
    RowIndicatorMeasure,

    /// <summary>The title or a column header names one of the indicators.</summary>
    HeaderIndicators,
}
