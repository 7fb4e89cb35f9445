using System.Globalization;
using System.Text.Json;
using StatsIngest.Indicators;

namespace StatsIngest.Compute;

/// <summary>
/// A profile of the plan's targets (config/targets/NAME.json): targets, scale tiers, groups (老三样, 新三样, 未来三样,
/// 3+3+2 …) and the status thresholds. Config, not code: other regions have other targets.
/// </summary>
public sealed record TargetProfile(
    string Name,
    string? Region,
    IReadOnlyList<TargetDefinition> Targets,
    IReadOnlyList<TierDefinition> Tiers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Groups,
    TargetThresholds Thresholds)
{
    public static TargetProfile Empty { get; } = new("none", null, [], [], new Dictionary<string, IReadOnlyList<string>>(), new TargetThresholds());

    /// <summary>Reads config/targets/<paramref name="name"/>.json; an error names the file and the entry.</summary>
    public static TargetProfile Load(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The target profile {path} does not exist (Indicators:TargetProfile = '{name}').", path);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var region = Str(root, "region");
        var targets = new List<TargetDefinition>();
        foreach (var t in Array(root, "targets"))
        {
            var id = Str(t, "id") ?? throw Invalid(path, "a target has no id");
            targets.Add(new TargetDefinition(
                id,
                Str(t, "name") ?? id,
                Str(t, "group") ?? string.Empty,
                Str(t, "metric") ?? "revenue",
                Str(t, "indicator") ?? throw Invalid(path, $"target '{id}' has no indicator"),
                Str(t, "industry") ?? "_T",
                Str(t, "unit") ?? "亿元",
                Num(t, "target") ?? throw Invalid(path, $"target '{id}' has no target value"),
                (int)(Num(t, "targetYear") ?? throw Invalid(path, $"target '{id}' has no targetYear")))
            {
                BaselineYear = t.TryGetProperty("baseline", out var b) ? (int?)Num(b, "year") : null,
                BaselineValue = t.TryGetProperty("baseline", out var b2) ? Num(b2, "value") : null,
                Region = Str(t, "region") ?? region,
                NameEn = Str(t, "nameEn"),
            });
        }

        var tiers = new List<TierDefinition>();
        foreach (var t in Array(root, "tiers"))
        {
            var id = Str(t, "id") ?? throw Invalid(path, "a tier has no id");
            tiers.Add(new TierDefinition(
                id,
                Str(t, "name") ?? id,
                Str(t, "indicator") ?? "REVENUE",
                Num(t, "threshold") ?? throw Invalid(path, $"tier '{id}' has no threshold"),
                Array(t, "universe").Select(u => u.GetString() ?? string.Empty).ToArray(),
                (int)(Num(t, "targetCount") ?? 0),
                (int)(Num(t, "targetYear") ?? 0))
            {
                Region = Str(t, "region") ?? region,
            });
        }

        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in g.EnumerateObject())
            {
                groups[p.Name] = p.Value.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray();
            }
        }

        var thresholds = new TargetThresholds();
        if (root.TryGetProperty("thresholds", out var th))
        {
            thresholds = new TargetThresholds(Num(th, "atRiskRatio") ?? thresholds.AtRiskRatio, (int)(Num(th, "trailingYears") ?? thresholds.TrailingYears));
        }

        return new TargetProfile(name, region, targets, tiers, groups, thresholds);
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static InvalidDataException Invalid(string path, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}: {what}."));
}
