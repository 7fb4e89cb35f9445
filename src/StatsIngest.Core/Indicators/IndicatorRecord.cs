using StatsIngest.Domain;

namespace StatsIngest.Indicators;

/// <summary>
/// Any computed number in one flat form, for the store, the CSV export and revision tracking: which block it belongs
/// to (gdp, trend, panel, drivers, tiers, targets), what it is, for which region, subject, period and basis, its value
/// (null with a note when not computable), and the observations it used — each with its vintage.
/// </summary>
public sealed record IndicatorRecord(
    string Block,
    string Indicator,
    string Region,
    string Subject,
    string Period,
    string Basis,
    double? Value,
    string Unit,
    string? Note,
    IReadOnlyList<Observation> Inputs)
{
    /// <summary>Identifies the number across computations (what it is, not what it is worth).</summary>
    public string Identity => $"{Block}|{Indicator}|{Region}|{Subject}|{Period}|{Basis}";

    public IReadOnlyList<long> InputVintages => Indicators.InputVintages.Of(Inputs);
}

/// <summary>A computed number that changed between two computations, and the inputs whose vintage changed.</summary>
public sealed record IndicatorRevision(IndicatorRecord Before, IndicatorRecord After, IReadOnlyList<(Observation Old, Observation New)> RevisedInputs)
{
    public string Describe() =>
        string.Join("; ", RevisedInputs.Select(r =>
            $"{r.New.Key} {r.New.Period.Code}: {Show(r.Old.Value)} (vintage {r.Old.VintageId}) → {Show(r.New.Value)} (vintage {r.New.VintageId})"));

    private static string Show(double? v) => v?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "missing";
}

public static class IndicatorRevisions
{
    /// <summary>Values that changed (by more than 1e-9, or became not computable) from <paramref name="before"/> to <paramref name="after"/>; a value computed for the first time is new data, not a revision.</summary>
    public static IReadOnlyList<IndicatorRevision> Compare(IEnumerable<IndicatorRecord> before, IEnumerable<IndicatorRecord> after)
    {
        var old = before.GroupBy(r => r.Identity).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new List<IndicatorRevision>();
        foreach (var now in after)
        {
            if (!old.TryGetValue(now.Identity, out var was) || was.Value is null || Same(was.Value, now.Value))
            {
                continue;
            }

            var oldInputs = was.Inputs.GroupBy(i => (i.Key, i.Period)).ToDictionary(g => g.Key, g => g.First());
            var revised = now.Inputs
                .Where(i => oldInputs.TryGetValue((i.Key, i.Period), out var o) && o.VintageId != i.VintageId)
                .Select(i => (oldInputs[(i.Key, i.Period)], i))
                .ToArray();
            result.Add(new IndicatorRevision(was, now, revised));
        }

        return result;
    }

    private static bool Same(double? a, double? b) =>
        (a is null && b is null) || (a is not null && b is not null && Math.Abs(a.Value - b.Value) <= 1e-9);
}
