using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatsIngest.Messages;

/// <summary>
/// A message of the reader for a person: an English template with named arguments (<c>{cell}</c>), shown in the
/// language of the place that shows it (<see cref="MessageCatalog"/>; the English template is its id, as in gettext).
/// An argument is a text quoted as it is (a cell's text, a file name, a code), another message (translated in turn) or
/// a list of messages. Stored as one line of JSON (<see cref="Encode"/>), so a workbook written later still shows it in
/// its own language; a stored line that is not JSON (written before) is shown as it is.
/// </summary>
public sealed class Msg : IEquatable<Msg>
{
    private const string ListTemplate = "\u0001list";
    private readonly IReadOnlyList<(string Name, object Value)> _args;

    private Msg(string template, IReadOnlyList<(string Name, object Value)> args)
    {
        Template = template;
        _args = args;
    }

    /// <summary>The English template; <c>{name}</c> marks an argument.</summary>
    public string Template { get; }

    /// <summary>A message from a template (a literal: it is the id translations are found by) and its arguments (text, numbers, messages).</summary>
    public static Msg Of(string template, params (string Name, object? Value)[] args) =>
        new(template, args.Select(a => (a.Name, Value(a.Value))).ToArray());

    /// <summary>A text shown as it is in every language (an exception's message, a text stored before messages were).</summary>
    public static Msg Verbatim(string text) => new("{text}", [("text", text)]);

    /// <summary>A text of the input quoted as it is: '…' in English, “…” in Chinese.</summary>
    public static Msg Quote(string text) => Msg.Of("'{text}'", ("text", text));

    /// <summary>Messages shown one after another, with the separator of the language (", " → "、", "; " → "；").</summary>
    public static Msg List(IEnumerable<Msg> items, string separator = ", ") =>
        new(ListTemplate, [("separator", separator), .. items.Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), (object)m))]);

    private static object Value(object? value) => value switch
    {
        null => string.Empty,
        Msg m => m,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Two messages are equal when they have the same template and the same arguments.</summary>
    public bool Equals(Msg? other) =>
        other is not null && Template == other.Template && _args.Count == other._args.Count
        && _args.Zip(other._args).All(p => p.First.Name == p.Second.Name && p.First.Value.Equals(p.Second.Value));

    public override bool Equals(object? obj) => Equals(obj as Msg);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Template);
        foreach (var (name, value) in _args)
        {
            hash.Add(name);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>The message in English.</summary>
    public override string ToString() => Render(MessageCatalog.English);

    public string Render(MessageCatalog catalog)
    {
        if (Template == ListTemplate)
        {
            var separator = catalog.Separator((string)_args[0].Value);
            return string.Join(separator, _args.Skip(1).Select(a => ((Msg)a.Value).Render(catalog)));
        }

        var template = catalog.Template(Template);
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            sb.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            var arg = _args.FirstOrDefault(a => a.Name == name);
            sb.Append(arg.Value switch
            {
                Msg m => m.Render(catalog),
                string s => s,
                _ => template[open..(close + 1)],
            });
            i = close + 1;
        }

        return sb.ToString();
    }

    /// <summary>One line of JSON: <c>{"t": template, "a": {name: text | message}}</c>.</summary>
    public string Encode() => ToJson().ToJsonString();

    private JsonObject ToJson()
    {
        var args = new JsonObject();
        foreach (var (name, value) in _args)
        {
            args[name] = value is Msg m ? m.ToJson() : JsonValue.Create((string)value);
        }

        return new JsonObject { ["t"] = Template, ["a"] = args };
    }

    /// <summary>Whether a stored text is a message (<see cref="Encode"/>) rather than a text stored as it is.</summary>
    public static bool IsEncoded(string stored) => stored.StartsWith("{\"t\":", StringComparison.Ordinal);

    /// <summary>A stored message; a text that is not one (stored before messages were) as it is.</summary>
    public static Msg Decode(string stored)
    {
        if (IsEncoded(stored))
        {
            try
            {
                return FromJson(JsonNode.Parse(stored)!.AsObject());
            }
            catch (JsonException)
            {
                // Not a message after all: shown as it is.
            }
        }

        return Verbatim(stored);
    }

    private static Msg FromJson(JsonObject o)
    {
        var args = o["a"]!.AsObject().Select(p => (p.Key, p.Value is JsonObject m ? (object)FromJson(m) : p.Value!.GetValue<string>())).ToArray();
        return new Msg(o["t"]!.GetValue<string>(), args);
    }
}
