using System.Text.Json;
using System.Text.RegularExpressions;
using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>Reads and checks <c>vocabulary.json</c>; every mistake is one line naming the file and the entry.</summary>
internal static class VocabularyFile
{
    public static Vocabulary Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/codelists).");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var indexes = Required(root, "indexes", path);
        return new Vocabulary
        {
            Measures = List(root, "measures", path, code => Codes.ParseMeasure(code)),
            IndexWords = Keys(indexes, "words"),
            IndexBases = indexes.GetProperty("bases").EnumerateArray().Select(b => new IndexBase(
                Codes.ParseMeasure(b.GetProperty("code").GetString()!),
                b.TryGetProperty("derives", out var d) ? Codes.ParseMeasure(d.GetString()!) : null,
                Keys(b, "texts"))).ToArray(),
            FixedBase = new Regex(Required(indexes, "fixedBase", path).GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            Bases = List(root, "bases", path, code => Codes.ParseBasis(code)),
            Skips = List(root, "skips", path, "reason", e => new SkipClass(e.GetProperty("reason").GetString()!, e.TryGetProperty("unlessGrowth", out var u) && u.GetBoolean())),
            Statuses = List(root, "statuses", path, code => Codes.ParseStatus(code)),
            NoteStarts = Keys(Required(root, "notes", path), "starts"),
            NoteBlockStarts = Keys(root.GetProperty("notes"), "blockStarts"),
            SubsetMarkers = Required(root, "subsets", path).EnumerateArray().Select(x => Label.Fold(x.GetString())).ToArray(),
            StubHeaders = List(root, "stubHeaders", path, Kind),
            Sections = List(root, "sections", path, Kind),
            Titles = List(root, "titles", path, Kind),
            MonthlyIndicators = Required(root, "monthlyIndicators", path).EnumerateObject().Where(p => !p.Name.StartsWith('$'))
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            Fillers = Keys(root, "fillers"),
            Values = new ValueParser(Values(Required(root, "values", path), path)),
            TidyColumns = Required(root, "tidyColumns", path).EnumerateObject().Where(p => !p.Name.StartsWith('$'))
                .ToDictionary(p => Enum.Parse<CanonicalColumn>(p.Name, ignoreCase: true), p => (IReadOnlyList<string>)Keys(p.Value)),
        };
    }

    /// <summary>The value words, each list required and no word in two of them (a cell would read two ways).</summary>
    private static ValueWords Values(JsonElement values, string path)
    {
        string[] Words(string name) => Required(values, name, path).EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray();
        var words = new ValueWords(Words("missing"), Words("unchanged"), Words("falls"), Words("rises"), Words("percentagePoints"), Words("times"));
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, list) in new[] { ("missing", words.Missing), ("unchanged", words.Unchanged), ("falls", words.Falls), ("rises", words.Rises), ("percentagePoints", words.PercentagePoints), ("times", words.Times) })
        {
            foreach (var w in list.Select(Label.Fold))
            {
                if (w.Length == 0)
                {
                    throw new InvalidDataException($"{path}: values.{name} holds an empty word (a blank cell is always missing).");
                }

                if (owner.TryGetValue(w, out var other) && other != name)
                {
                    throw new InvalidDataException($"{path}: the value word '{w}' is given in both values.{other} and values.{name}.");
                }

                owner[w] = name;
            }
        }

        return words;
    }

    private static StubKind Kind(string code) => Enum.TryParse<StubKind>(code, ignoreCase: true, out var k)
        ? k
        : throw new FormatException($"'{code}' is not a kind of stub ({string.Join(", ", Enum.GetNames<StubKind>().Select(n => n.ToLowerInvariant()))}).");

    private static WordList<T> List<T>(JsonElement root, string name, string path, Func<string, T> meaning) =>
        List(root, name, path, "code", e => meaning(e.GetProperty("code").GetString()!));

    private static WordList<T> List<T>(JsonElement root, string name, string path, string idProperty, Func<JsonElement, T> meaning)
    {
        var classes = new List<WordClass<T>>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in Required(root, name, path).EnumerateArray())
        {
            var id = e.TryGetProperty(idProperty, out var idValue) ? idValue.GetString() ?? "?" : "?";
            T value;
            try
            {
                value = meaning(e);
            }
            catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}: {name} '{id}': {ex.Message}", ex);
            }

            var words = Keys(e, "words");
            var codes = Keys(e, "codes");
            foreach (var w in words.Concat(codes))
            {
                if (owner.TryGetValue(w, out var other) && other != id)
                {
                    throw new InvalidDataException($"{path}: in {name}, the word '{w}' is given for both '{other}' and '{id}'.");
                }

                owner[w] = id;
            }

            classes.Add(new WordClass<T>(value, words, codes));
        }

        return new WordList<T>(name, classes);
    }

    private static JsonElement Required(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) ? v : throw new InvalidDataException($"{path}: the entry '{name}' is missing.");

    private static string[] Keys(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) ? Keys(a) : [];

    private static string[] Keys(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(x => Label.Key(x.GetString())).ToArray() : [];
}
