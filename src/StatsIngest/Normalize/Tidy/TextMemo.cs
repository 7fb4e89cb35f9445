namespace StatsIngest.Normalize.Tidy;

/// <summary>
/// A column whose texts repeat on every row (a measure, a status, a basis): what each distinct text means, found once.
/// Bounded — past <see cref="Capacity"/> distinct texts (a column of free text) a text is looked up each time.
/// </summary>
internal sealed class TextMemo<T>(Func<string, T> find)
{
    public const int Capacity = 256;

    private readonly Dictionary<string, T> _known = new(StringComparer.Ordinal);

    public T this[string text]
    {
        get
        {
            if (_known.TryGetValue(text, out var meaning))
            {
                return meaning;
            }

            meaning = find(text);
            if (_known.Count < Capacity)
            {
                _known[text] = meaning;
            }

            return meaning;
        }
    }
}
