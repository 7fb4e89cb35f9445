using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;

namespace StatsIngest.Report;

/// <summary>
/// The words of the workbook from config/report/words.json: the English of its Chinese texts and units, the Chinese
/// of the targets' metrics, the rules that write the indicators' notes in either language — and, added per workbook
/// (<see cref="WithNames"/>), the English names of the code lists and the targets.
/// </summary>
public sealed class WorkbookWords
{
    public const string FileName = "words.json";

    private readonly Dictionary<string, string> _english;
    private readonly Dictionary<string, string> _metrics;
    private readonly IReadOnlyList<NoteRule> _notes;
    private readonly IReadOnlyList<NoteRule> _items;

    private WorkbookWords(Dictionary<string, string> english, Dictionary<string, string> metrics, IReadOnlyList<NoteRule> notes, IReadOnlyList<NoteRule> items)
    {
        _english = english;
        _metrics = metrics;
        _notes = notes;
        _items = items;
    }

    /// <summary>The reader's messages in Chinese (config/messages.json); English is their templates.</summary>
    public MessageCatalog Chinese { get; private init; } = MessageCatalog.English;

    /// <summary>These words with the Chinese of the reader's messages.</summary>
    public WorkbookWords WithMessages(MessageCatalog chinese) => new(_english, _metrics, _notes, _items) { Chinese = chinese };

    /// <summary>No words: every text as written in the code (Chinese), notes as stored.</summary>
    public static WorkbookWords Empty { get; } = new([], [], [], []);

    private sealed record NoteRule(Regex Pattern, string Zh, string En, bool List);

    public string? English(string zh) => _english.GetValueOrDefault(zh);

    public string? MetricZh(string metric) => _metrics.GetValueOrDefault(metric);

    /// <summary>These words with the English names of the code lists (and more names, e.g. the targets'); a word already there stays.</summary>
    public WorkbookWords WithNames(CodeLists codes, IEnumerable<(string Zh, string? En)> more)
    {
        var english = new Dictionary<string, string>(_english, StringComparer.Ordinal);
        var names = new[] { codes.Indicators, codes.Products, codes.Industries, codes.Regions }
            .SelectMany(list => list.Entries).Select(e => (e.Name, e.NameEn)).Concat(more);
        foreach (var (zh, en) in names)
        {
            if (!string.IsNullOrEmpty(en))
            {
                english.TryAdd(zh, en);
            }
        }

        return new WorkbookWords(english, _metrics, _notes, _items) { Chinese = Chinese };
    }

    /// <summary>
    /// A stored note in the workbook's language: each part (split at "; ") by the first rule that matches, names and units
    /// in the language, a rule's list item by item; a part no rule matches as stored.
    /// </summary>
    public string Note(string note, bool english)
    {
        var parts = note.Split("; ").Select(p => Rewrite(p, _notes, english) ?? p);
        return string.Join(english ? "; " : "；", parts);
    }

    private string? Rewrite(string text, IReadOnlyList<NoteRule> rules, bool english)
    {
        foreach (var rule in rules)
        {
            var m = rule.Pattern.Match(text);
            if (!m.Success)
            {
                continue;
            }

            return AnalysisTemplates.Fill(english ? rule.En : rule.Zh, name =>
            {
                var value = m.Groups[name].Value;
                return name switch
                {
                    "list" when rule.List => string.Join(english ? ", " : "、", value.Split(", ").Select(i => Rewrite(i, _items, english) ?? Name(i, english))),
                    "name" or "unit" => Name(value, english),
                    _ => value,
                };
            });
        }

        return null;
    }

    private string Name(string zh, bool english) => english ? _english.GetValueOrDefault(zh) ?? zh : zh;

    public static WorkbookWords Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/report): the workbook's words are in it.");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var english = Strings(root, "words");
        foreach (var (zh, en) in Strings(root, "units"))
        {
            english.TryAdd(zh, en);
        }

        return new WorkbookWords(english, Strings(root, "metrics"), Rules(root, "notes", path), Rules(root, "items", path));
    }

    private static Dictionary<string, string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var o) ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal) : [];

    private static List<NoteRule> Rules(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var a)
            ? a.EnumerateArray().Select(r =>
            {
                var pattern = r.GetProperty("pattern").GetString() ?? string.Empty;
                try
                {
                    return new NoteRule(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), r.GetProperty("zh").GetString() ?? string.Empty,
                        r.GetProperty("en").GetString() ?? string.Empty, r.TryGetProperty("list", out var l) && l.GetBoolean());
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidDataException($"{path}: the {name} pattern '{pattern}' is not a regular expression: {ex.Message}", ex);
                }
            }).ToList()
            : [];
}
