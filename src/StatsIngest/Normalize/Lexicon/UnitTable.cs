using System.Text.Json;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Lexicon;

/// <summary>
/// The one unit-conversion table of every reading path (<c>config/codelists/units.json</c>): a level is stored in the
/// unit its indicator or product declares when the two share a dimension, else in the dimension's stored unit (money
/// in 亿元), else as published; the factor is always recorded.
/// </summary>
public sealed class UnitTable
{
    public const string FileName = "units.json";

    private readonly Dictionary<string, UnitDefinition> _units;
    private readonly Dictionary<string, string> _storedIn;

    public UnitTable(IEnumerable<UnitDefinition> units, IReadOnlyDictionary<string, string> storedIn)
    {
        _units = units.ToDictionary(u => Label.Fold(u.Unit), StringComparer.Ordinal);
        _storedIn = new Dictionary<string, string>(storedIn, StringComparer.Ordinal);
        foreach (var (dimension, unit) in _storedIn)
        {
            if (Find(unit)?.Dimension != dimension)
            {
                throw new InvalidDataException($"{FileName}: storedIn '{dimension}' names '{unit}', which is not a unit of that dimension.");
            }
        }
    }

    public UnitDefinition? Find(string? unit) => _units.GetValueOrDefault(Label.Fold(unit));

    /// <summary>True for the units of money (亿元, 万元 …).</summary>
    public bool IsMoney(string? unit) => Find(unit)?.Dimension == "money";

    /// <summary>The stored unit and factor of a published unit, for a series whose code list declares <paramref name="seriesUnit"/>.</summary>
    public UnitConversion ToStored(string published, string? seriesUnit)
    {
        var from = Find(published);
        if (from is null)
        {
            return new UnitConversion(published, 1);
        }

        var to = Find(seriesUnit) is { } declared && declared.Dimension == from.Dimension
            ? declared
            : _storedIn.TryGetValue(from.Dimension, out var stored) ? _units[stored] : from;
        return new UnitConversion(to.Unit, from.Scale / to.Scale);
    }

    public static UnitTable Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/codelists).");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var units = doc.RootElement.GetProperty("units").EnumerateArray()
            .Select(u => new UnitDefinition(u.GetProperty("unit").GetString()!, u.GetProperty("dimension").GetString()!, u.GetProperty("scale").GetDouble()))
            .ToArray();
        var duplicate = units.GroupBy(u => Label.Fold(u.Unit)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path}: the unit '{duplicate.Key}' is listed twice.");
        }

        var storedIn = doc.RootElement.TryGetProperty("storedIn", out var s)
            ? s.EnumerateObject().Where(p => !p.Name.StartsWith('$')).ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
        return new UnitTable(units, storedIn);
    }
}
