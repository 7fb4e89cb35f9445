using System.Globalization;
using System.Text;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// The warnings of one file's reading, bounded: the first few of a kind are located one by one, the rest counted in
/// one line (a file with a control character in every cell gives a short report, not a long one).
/// </summary>
internal sealed class ReadWarnings
{
    private const int PerKind = 10;
    private readonly List<ReadWarning> _located = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string kind, ReadWarning warning)
    {
        var n = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        if (n <= PerKind)
        {
            _located.Add(warning);
        }
    }

    /// <summary>
    /// A cell's text without control characters (C0 but tab and line breaks, DEL, C1, NUL): they can not be typed, print
    /// as nothing and make two equal labels differ. Each removal is a warning at its cell.
    /// </summary>
    public string Clean(string text, string sheet, int row, int column)
    {
        if (!HasControl(text))
        {
            return text;
        }

        var removed = string.Join(" ", text.Where(IsControl).Distinct().Select(c => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")));
        var clean = new string(text.Where(c => !IsControl(c)).ToArray());
        Add("control", new ReadWarning(Msg.Of("Control characters ({removed}) were removed from this cell; it is read as '{clean}'.", ("removed", removed), ("clean", clean)), sheet, row, column));
        return clean;
    }

    public IReadOnlyList<ReadWarning> ToList()
    {
        var all = new List<ReadWarning>(_located);
        foreach (var (kind, n) in _counts.Where(k => k.Value > PerKind))
        {
            all.Add(new ReadWarning(Msg.Of("… and {count} more cells with the same warning ({kind}).", ("count", n - PerKind), ("kind", Describe(kind)))));
        }

        return all;
    }

    private static Msg Describe(string kind) => kind switch
    {
        "control" => Msg.Of("control characters removed"),
        "undecodable" => Msg.Of("characters that could not be decoded"),
        _ => Msg.Verbatim(kind),
    };

    /// <summary>Whether a text has a control character (a loop: called for every cell read).</summary>
    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c) => c is not ('\t' or '\n' or '\r') && (char.IsControl(c) || c is '\uFFFE' or '\uFFFF');
}
