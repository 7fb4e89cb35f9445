namespace StatsIngest.Domain;

/// <summary>The stable text codes of the enumerations, as stored in the database and written to exports (see docs/data-model.md).</summary>
public static class Codes
{
    public static string Of(Basis basis) => basis switch
    {
        Basis.Month => "M",
        Basis.YearToDate => "YTD",
        Basis.Quarter => "Q",
        _ => "A",
    };

    public static string Of(Measure measure) => measure switch
    {
        Measure.Level => "L",
        Measure.YoY => "YOY",
        Measure.MoM => "MOM",
        Measure.IndexPreviousYear => "IDX_PY",
        Measure.IndexPreviousMonth => "IDX_PM",
        _ => "IDX_FB",
    };

    public static string Of(ObservationStatus status) => status switch
    {
        ObservationStatus.Normal => "A",
        ObservationStatus.Provisional => "P",
        ObservationStatus.Estimated => "E",
        _ => "M",
    };

    public static Basis ParseBasis(string code) => code switch
    {
        "M" => Basis.Month,
        "YTD" => Basis.YearToDate,
        "Q" => Basis.Quarter,
        "A" => Basis.Year,
        _ => throw new FormatException($"'{code}' is not a basis code (M, YTD, Q, A)."),
    };

    public static Measure ParseMeasure(string code) => code switch
    {
        "L" => Measure.Level,
        "YOY" => Measure.YoY,
        "MOM" => Measure.MoM,
        "IDX_PY" => Measure.IndexPreviousYear,
        "IDX_PM" => Measure.IndexPreviousMonth,
        "IDX_FB" => Measure.IndexFixedBase,
        _ => throw new FormatException($"'{code}' is not a measure code (L, YOY, MOM, IDX_PY, IDX_PM, IDX_FB)."),
    };

    public static ObservationStatus ParseStatus(string code) => code switch
    {
        "A" => ObservationStatus.Normal,
        "P" => ObservationStatus.Provisional,
        "E" => ObservationStatus.Estimated,
        "M" => ObservationStatus.Missing,
        _ => throw new FormatException($"'{code}' is not a status code (A, P, E, M)."),
    };

    /// <summary>"subset,unmapped" — the flags as stored; empty for none.</summary>
    public static string Of(ObservationFlags flags)
    {
        var parts = new List<string>(4);
        if (flags.HasFlag(ObservationFlags.Subset))
        {
            parts.Add("subset");
        }

        if (flags.HasFlag(ObservationFlags.Unmapped))
        {
            parts.Add("unmapped");
        }

        if (flags.HasFlag(ObservationFlags.Derived))
        {
            parts.Add("derived");
        }

        if (flags.HasFlag(ObservationFlags.Withdrawn))
        {
            parts.Add("withdrawn");
        }

        return string.Join(',', parts);
    }

    public static ObservationFlags ParseFlags(string text)
    {
        var flags = ObservationFlags.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flags |= part switch
            {
                "subset" => ObservationFlags.Subset,
                "unmapped" => ObservationFlags.Unmapped,
                "derived" => ObservationFlags.Derived,
                "withdrawn" => ObservationFlags.Withdrawn,
                _ => throw new FormatException($"Unknown observation flag '{part}'."),
            };
        }

        return flags;
    }
}
