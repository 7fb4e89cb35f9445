using System.Text.Json;

namespace StatsIngest.Normalize;

/// <summary>The code lists of config/codelists: indicators, industries (GB/T 4754-2017) and regions. Users add aliases there, without a release.</summary>
public sealed class CodeLists(CodeList indicators, CodeList industries, CodeList regions)
{
    public CodeList Indicators { get; } = indicators;

    public CodeList Industries { get; } = industries;

    public CodeList Regions { get; } = regions;

    public static CodeLists Load(string directory)
    {
        return new CodeLists(
            new CodeList("indicators", ReadEntries(directory, "indicators.json", "indicators")),
            new CodeList("industries", ReadEntries(directory, "industries.json", "industries")),
            new CodeList("regions", ReadEntries(directory, "regions.json", "regions")));
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
        foreach (var e in doc.RootElement.GetProperty(property).EnumerateArray())
        {
            list.Add(new CodeEntry(
                e.GetProperty("code").GetString() ?? throw new InvalidDataException($"{path}: an entry has no code."),
                Str(e, "name") ?? e.GetProperty("code").GetString()!,
                Str(e, "nameEn"),
                Str(e, "unit"),
                Str(e, "section"),
                e.TryGetProperty("aliases", out var a) ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : []));
        }

        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
