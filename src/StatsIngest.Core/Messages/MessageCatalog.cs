using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatsIngest.Messages;

/// <summary>
/// The reader's messages in one language (config/messages.json gives Chinese): each English template with its
/// translation, which names the same arguments. English is the templates themselves; a template without a
/// translation is shown in English.
/// </summary>
public sealed partial class MessageCatalog
{
    public const string FileName = "messages.json";

    private readonly IReadOnlyDictionary<string, string> _templates;
    private readonly IReadOnlyDictionary<string, string> _separators;

    private MessageCatalog(IReadOnlyDictionary<string, string> templates, IReadOnlyDictionary<string, string> separators)
    {
        _templates = templates;
        _separators = separators;
    }

    public static MessageCatalog English { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>The English templates this catalog translates.</summary>
    public IEnumerable<string> Templates => _templates.Keys;

    public string Template(string english) => _templates.GetValueOrDefault(english) ?? english;

    public bool Translates(string english) => _templates.ContainsKey(english);

    public string Separator(string english) => _separators.GetValueOrDefault(english) ?? english;

    /// <summary>The argument names of a template, in order of first use.</summary>
    public static IReadOnlyList<string> Arguments(string template) =>
        Argument().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Loads a catalog; a translation that names other arguments than its template is refused with both named.</summary>
    public static MessageCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config): the translations of the reader's messages are in it.");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var templates = Strings(doc.RootElement, "messages");
        foreach (var (en, zh) in templates)
        {
            var want = Arguments(en).Order(StringComparer.Ordinal);
            var got = Arguments(zh).Order(StringComparer.Ordinal);
            if (!want.SequenceEqual(got, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{path}: the translation '{zh}' names the arguments {{{string.Join("}, {", got)}}}, its template '{en}' names {{{string.Join("}, {", want)}}}.");
            }
        }

        return new MessageCatalog(templates, Strings(doc.RootElement, "separators"));
    }

    private static Dictionary<string, string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var o) ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal) : [];

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Argument();
}
