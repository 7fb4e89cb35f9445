using System.Text.Json;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>The code lists of config/codelists: indicators, industries (GB/T 4754-2017, sectors, groups, clusters), regions and products. Users add aliases there, without a release.</summary>
public sealed class CodeLists(CodeList indicators, CodeList industries, CodeList regions, CodeList products)
{
    public CodeList Indicators { get; } = indicators;

    public CodeList Industries { get; } = industries;

    public CodeList Regions { get; } = regions;

    /// <summary>Products of the 主要产品产量 rows (钢材, 汽车, 发电量 …), stored as indicators of their own.</summary>
    public CodeList Products { get; } = products;

    public static CodeLists Load(string directory)
    {
        return new CodeLists(
            new CodeList("indicators", ReadEntries(directory, "indicators.json", "indicators")),
            new CodeList("industries", ReadEntries(directory, "industries.json", "industries").Concat(ReadEntries(directory, "industries.json", "groups"))),
            new CodeList("regions", ReadEntries(directory, "regions.json", "regions")),
            new CodeList("products", ReadEntries(directory, "products.json", "products")));
    }

    private static List<CodeEntry> ReadEntries(string directory, string file, string property)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The code list {path} is missing (it ships in config/codelists).", path);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var list = new List<CodeEntry>();
        if (!doc.RootElement.TryGetProperty(property, out var array))
        {
            return list;
        }

        foreach (var e in array.EnumerateArray())
        {
            list.Add(new CodeEntry(
                e.GetProperty("code").GetString() ?? throw new InvalidDataException($"{path}: an entry has no code."),
                Str(e, "name") ?? e.GetProperty("code").GetString()!,
                Str(e, "nameEn"),
                Str(e, "unit"),
                Str(e, "section"),
                Strings(e, "aliases"))
            {
                Kind = Str(e, "kind") ?? string.Empty,
                Members = Strings(e, "members"),
                Indicator = Str(e, "indicator"),
                Sdmx = Str(e, "sdmx"),
            });
        }

        return list;
    }

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray()
            : [];

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
