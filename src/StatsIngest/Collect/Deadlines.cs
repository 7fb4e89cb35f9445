using Microsoft.Extensions.Options;
using StatsIngest.Domain;

namespace StatsIngest.Collect;

/// <summary>
/// Which files are late: for each http source with an expected-by rule, the latest period already due (in the
/// source's time zone) that the source has not delivered (no saved or unchanged fetch for it).
/// </summary>
public sealed class Deadlines(IOptions<SourcesOptions> sources, ISourceStates state, TimeProvider clock) : ILateFiles
{
    /// <summary>True when the item was saved to the inbox at some point (or answered unchanged since).</summary>
    public static bool Delivered(SourceItemState? s) => s is not null && (s.FetchedAt is not null || s.Outcome == CollectedItem.Unchanged);

    public IReadOnlyList<OverdueFile> Overdue()
    {
        var list = new List<OverdueFile>();
        foreach (var source in sources.Value.Items.Where(s => s.Enabled && s.Kind == "http"))
        {
            if (!SourcePlan.TryParseExpectedBy(source.ExpectedBy, out var due) || due is null
                || !TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var zone))
            {
                continue;
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            var period = ReportingPeriod.ForMonth(today.Year, today.Month);
            for (var i = 0; i < 24 && due(period) > today; i++)
            {
                period = period.Previous();
            }

            if (due(period) > today)
            {
                continue;
            }

            if (!Delivered(state.Get(source.Name, period.Code)))
            {
                list.Add(new OverdueFile(source.Name, period, due(period)));
            }
        }

        return list;
    }
}
