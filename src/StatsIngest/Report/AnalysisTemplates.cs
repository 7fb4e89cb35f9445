using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatsIngest.Report;

/// <summary>
/// The templates of the analysis paragraph in one language (config/report/analysis.json): paragraphs of sentences of
/// parts, list items, the words for signed numbers, the names of the computed indicators. <see cref="Fill"/> returns
/// null when a placeholder has no value: the caller leaves the part out, never writes a placeholder.
/// </summary>
public sealed partial class AnalysisTemplates
{
    public const string FileName = "analysis.json";

    private readonly List<(string Name, string[][] Sentences)> _paragraphs;
    private readonly Dictionary<string, string> _items;
    private readonly Dictionary<string, string> _words;
    private readonly Dictionary<string, string> _indicators;

    private AnalysisTemplates(List<(string Name, string[][] Sentences)> paragraphs, Dictionary<string, string> items, Dictionary<string, string> words, Dictionary<string, string> indicators)
    {
        _paragraphs = paragraphs;
        _items = items;
        _words = words;
        _indicators = indicators;
    }

    /// <summary>The paragraphs in their order, each a list of sentences of parts (the first part the lead).</summary>
    public IReadOnlyList<(string Name, string[][] Sentences)> Paragraphs => _paragraphs;

    public string Item(string name) => _items.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{FileName}: no item '{name}'.");

    public string Word(string name) => _words.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"{FileName}: no word '{name}'.");

    public string? IndicatorName(string code) => _indicators.GetValueOrDefault(code);

    /// <summary>
    /// A signed number as words: "{kind}.up" / ".down" / ".flat" with {0} the magnitude at one decimal (flat when it
    /// rounds to 0.0), e.g. growth −2.14 → "下降2.1%". Other {names} filled from <paramref name="more"/>.
    /// </summary>
    public string Signed(string kind, double value, params (string Name, string Value)[] more)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        var text = Word($"{kind}.{(rounded > 0 ? "up" : rounded < 0 ? "down" : "flat")}").Replace("{0}", Number(value), StringComparison.Ordinal);
        return Fill(text, more.ToDictionary(m => m.Name, m => (string?)m.Value)) ?? text;
    }

    /// <summary>The magnitude at one decimal, as Excel shows a cell formatted 0.0 (half away from zero).</summary>
    public static string Number(double value) =>
        Math.Round(Math.Abs(value), 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The template with every {name} replaced, or null when one has no value (null; an empty text is a value).</summary>
    public static string? Fill(string template, IReadOnlyDictionary<string, string?> values) =>
        Fill(template, name => values.GetValueOrDefault(name));

    /// <summary>The template with every {name} replaced by <paramref name="value"/>(name), or null when that gives null.</summary>
    public static string? Fill(string template, Func<string, string?> value)
    {
        var missing = false;
        var text = Placeholder().Replace(template, m =>
        {
            if (value(m.Groups[1].Value) is { } v)
            {
                return v;
            }

            missing = true;
            return string.Empty;
        });
        return missing ? null : text;
    }

    /// <summary>Loads the language's templates; a missing file, language or section throws <see cref="InvalidDataException"/>.</summary>
    public static AnalysisTemplates Load(string directory, string language)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/report): the analysis paragraph needs it.");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty(language, out var root))
        {
            throw new InvalidDataException($"{path}: no templates for the language '{language}'.");
        }

        var paragraphs = root.GetProperty("paragraphs").EnumerateObject()
            .Select(p => (p.Name, p.Value.EnumerateArray().Select(s => s.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray()).ToArray()))
            .ToList();
        return new AnalysisTemplates(paragraphs, Strings(root, "items"), Strings(root, "words"), Strings(root, "indicators"));
    }

    private static Dictionary<string, string> Strings(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
