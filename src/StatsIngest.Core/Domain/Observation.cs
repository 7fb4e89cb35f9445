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

    public long Id { get; init; }

    /// <summary>When the vintage this value belongs to was recorded (UTC).</summary>
    public DateTimeOffset VintageTime { get; init; }
}
