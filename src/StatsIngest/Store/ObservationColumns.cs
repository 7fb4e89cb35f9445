using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Store;

/// <summary>
/// An observation's row as the store's reads lay it out (<see cref="List"/>) — of <c>observations</c>, or of a file's
/// staging read back (validate) — made into an <see cref="Observation"/>; a period or flags parsed once per distinct text.
/// </summary>
internal sealed class ObservationColumns
{
    /// <summary>The columns of an observation's row of <c>observations o</c>, in the positions <see cref="Read"/> takes them from.</summary>
    public const string List = "o.id, o.series_id, o.period, o.value, o.unit, o.status, o.file_id, o.sheet, o.cell, o.raw_text, o.label, o.flags, o.unit_factor";

    private readonly Dictionary<string, ReportingPeriod> _periods = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ObservationFlags> _flags = new(ReferenceEqualityComparer.Instance);

    /// <summary>The observation of the current row (its series, file and vintage given: the row holds only their ids).</summary>
    public Observation Read(Rows r, SeriesKey key, (string Name, string Sha256) file, long vintageId, DateTimeOffset vintageTime) =>
        new(key,
            _periods.GetOrAdd(r.Shared(2), ReportingPeriod.ParseCode),
            r.IsNull(3) ? null : r.Double(3),
            r.Shared(4),
            Codes.ParseStatus(r.Shared(5)),
            new Provenance(file.Name, file.Sha256, r.Shared(7), r.Text(8), r.Text(9)))
        {
            Id = r.Int64(0),
            VintageId = vintageId,
            VintageTime = vintageTime,
            Label = r.Shared(10),
            Flags = _flags.GetOrAdd(r.Shared(11), Codes.ParseFlags),
            UnitFactor = r.Double(12),
        };

    /// <summary>A series' key from five columns from <paramref name="at"/> on: indicator, region, industry, basis, measure.</summary>
    public static SeriesKey Key(Rows r, int at) =>
        new(r.Text(at), r.Shared(at + 1), r.Text(at + 2), Codes.ParseBasis(r.Text(at + 3)), Codes.ParseMeasure(r.Text(at + 4)));
}
