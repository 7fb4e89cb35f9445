using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatsIngest.Report.Sdmx;

/// <summary>A name in Chinese and, where given, English (<c>com:Name xml:lang="zh"</c> / <c>"en"</c>).</summary>
public sealed record SdmxName(string Zh, string? En);

/// <summary>An identifiable artefact or item: its id and its name.</summary>
public sealed record SdmxItem(string Id, SdmxName Name);

/// <summary>A code list: its id, its name and its codes (empty for the lists built from the other code lists).</summary>
public sealed record SdmxCodelist(string Id, SdmxName Name, IReadOnlyList<SdmxItem> Codes);

/// <summary>
/// What the SDMX exports call things (config/codelists/sdmx.json): the agency and version of every artefact, the ids
/// and names of the dataflow, data structure and concept scheme, the concepts, and the code lists keyed by the concept
/// they represent (FREQ, BASIS, MEASURE and OBS_STATUS with their codes; INDICATOR, REGION and INDUSTRY named only).
/// </summary>
public sealed partial record SdmxDefinitions(
    string Agency,
    string Version,
    SdmxItem Dataflow,
    SdmxItem DataStructure,
    SdmxItem ConceptScheme,
    IReadOnlyList<SdmxItem> Concepts,
    IReadOnlyDictionary<string, SdmxCodelist> Codelists)
{
    public const string FileName = "sdmx.json";

    /// <summary>Whether a text is an SDMX id (IDType: letters, digits, _ @ $ -).</summary>
    public static bool IsId(string text) => IdPattern().IsMatch(text);

    public SdmxName ConceptName(string id) => Concepts.FirstOrDefault(c => c.Id == id)?.Name
        ?? throw new InvalidDataException($"{FileName}: the concept {id} is not defined.");

    public SdmxCodelist Codelist(string concept) => Codelists.TryGetValue(concept, out var list)
        ? list
        : throw new InvalidDataException($"{FileName}: no code list for the concept {concept}.");

    /// <summary>Loads and checks the file; a mistake throws <see cref="InvalidDataException"/> naming it.</summary>
    public static SdmxDefinitions Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/codelists): the SDMX export needs it.");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var codelists = new Dictionary<string, SdmxCodelist>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("codelists").EnumerateObject())
        {
            var codes = p.Value.TryGetProperty("codes", out var array) ? array.EnumerateArray().Select(c => Item(c, path)).ToArray() : [];
            var list = Item(p.Value, path);
            codelists[p.Name] = new SdmxCodelist(list.Id, list.Name, codes);
        }

        return new SdmxDefinitions(
            Id(root.GetProperty("agency").GetString(), path),
            root.GetProperty("version").GetString() ?? "1.0",
            Item(root.GetProperty("dataflow"), path),
            Item(root.GetProperty("dataStructure"), path),
            Item(root.GetProperty("conceptScheme"), path),
            root.GetProperty("concepts").EnumerateArray().Select(c => Item(c, path)).ToArray(),
            codelists);
    }

    private static SdmxItem Item(JsonElement e, string path) =>
        new(Id(e.GetProperty("id").GetString(), path), new SdmxName(e.GetProperty("zh").GetString() ?? string.Empty, e.TryGetProperty("en", out var en) ? en.GetString() : null));

    private static string Id(string? id, string path) => id is not null && IsId(id)
        ? id
        : throw new InvalidDataException($"{path}: '{id}' is not an SDMX id (letters, digits, _ @ $ - only).");

    [GeneratedRegex(@"^[A-Za-z0-9_@$\-]+$")]
    private static partial Regex IdPattern();
}
