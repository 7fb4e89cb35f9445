namespace StatsIngest.Domain;

/// <summary>
/// One number of one series for one period, as read from a file: value (null when the source marks it missing),
/// unit, status and provenance. <see cref="VintageId"/> is 0 until the store has recorded the file it came from.
/// </summary>
public sealed record Observation(
    SeriesKey Key,
    ReportingPeriod Period,
    double? Value,
    string Unit,
    ObservationStatus Status,
    Provenance Source)
{
    public long VintageId { get; init; }

    /// <summary>The row label as published (e.g. "其中：高技术制造业"), kept for the reader and for unmapped labels.</summary>
    public string Label { get; init; } = string.Empty;

    public ObservationFlags Flags { get; init; }

    /// <summary>The factor the published figure was multiplied by to reach <see cref="Unit"/> (0.0001 for 万元 → 亿元; 1 when unchanged).</summary>
    public double UnitFactor { get; init; } = 1;

    public long Id { get; init; }

    /// <summary>When the vintage this value belongs to was recorded (UTC).</summary>
    public DateTimeOffset VintageTime { get; init; }
}
