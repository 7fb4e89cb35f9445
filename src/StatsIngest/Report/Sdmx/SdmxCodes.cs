using System.Security.Cryptography;
using System.Text;
using StatsIngest.Domain;
using StatsIngest.Normalize.Lexicon;

namespace StatsIngest.Report.Sdmx;

/// <summary>
/// The code lists of an SDMX export and the id each stored code goes under: indicators (and products), regions and
/// industries from config/codelists with their names, plus every code the data holds that the lists lack (named by
/// itself); a code that is not an SDMX id (a region's Chinese name) goes under its entry's <c>sdmx</c> id, or under an
/// id made from the SHA-256 of its text when it has none. FREQ, BASIS, MEASURE and OBS_STATUS come from sdmx.json.
/// </summary>
public sealed class SdmxCodes
{
    /// <summary>The dimensions of the series key, in their order; TIME_PERIOD follows.</summary>
    public static readonly string[] Dimensions = ["FREQ", "INDICATOR", "REGION", "INDUSTRY", "BASIS", "MEASURE"];

    /// <summary>
    /// The attributes of an observation, in the order the exports write them: OBS_STATUS (coded: no text type), the
    /// unit as published (text), the vintage (the number of the file it came from) and when that vintage was recorded.
    /// </summary>
    public static readonly (string Id, string? TextType, bool Mandatory)[] Attributes =
        [("OBS_STATUS", null, true), ("UNIT_MEASURE", "String", false), ("VINTAGE", "Integer", true), ("VINTAGE_TIME", "DateTime", true)];

    private readonly Dictionary<string, Dictionary<string, string>> _ids;

    private SdmxCodes(IReadOnlyDictionary<string, SdmxCodelist> lists, Dictionary<string, Dictionary<string, string>> ids)
    {
        Lists = lists;
        _ids = ids;
    }

    /// <summary>The code list of each coded concept (the dimensions and OBS_STATUS).</summary>
    public IReadOnlyDictionary<string, SdmxCodelist> Lists { get; }

    public static SdmxCodes Build(SdmxDefinitions definitions, CodeLists codes, IReadOnlyCollection<Observation> observations)
    {
        var lists = new Dictionary<string, SdmxCodelist>(StringComparer.Ordinal);
        var ids = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var concept in new[] { "FREQ", "BASIS", "MEASURE", "OBS_STATUS" })
        {
            lists[concept] = definitions.Codelist(concept);
            ids[concept] = lists[concept].Codes.ToDictionary(c => c.Id, c => c.Id, StringComparer.Ordinal);
        }

        Add("INDICATOR", codes.Indicators.Entries.Concat(codes.Products.Entries), observations.Select(o => o.Key.Indicator));
        Add("REGION", codes.Regions.Entries, observations.Select(o => o.Key.Region));
        Add("INDUSTRY", codes.Industries.Entries, observations.Select(o => o.Key.Industry));
        return new SdmxCodes(lists, ids);

        void Add(string concept, IEnumerable<CodeEntry> entries, IEnumerable<string> used)
        {
            var known = entries.GroupBy(e => e.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var extra = used.Distinct(StringComparer.Ordinal).Where(c => !known.ContainsKey(c)).Order(StringComparer.Ordinal);
            var items = new List<SdmxItem>();
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var owner = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, name) in known.Values.Select(e => (e.Code, new SdmxName(e.Name, e.NameEn))).Concat(extra.Select(c => (c, new SdmxName(c, null)))))
            {
                var id = known.GetValueOrDefault(code)?.Sdmx ?? (SdmxDefinitions.IsId(code) ? code : MadeId(code));
                if (owner.TryGetValue(id, out var other))
                {
                    throw new InvalidDataException($"config/codelists: '{other}' and '{code}' would both be exported as the SDMX {concept} code {id}; give one another 'sdmx' id.");
                }

                owner[id] = code;
                map[code] = id;
                items.Add(new SdmxItem(id, name));
            }

            var definition = definitions.Codelist(concept);
            lists[concept] = definition with { Codes = items };
            ids[concept] = map;
        }
    }

    /// <summary>The SDMX id of a stored code of a concept.</summary>
    public string Id(string concept, string code) => _ids[concept].TryGetValue(code, out var id)
        ? id
        : throw new InvalidOperationException($"The {concept} code '{code}' is not in the SDMX code list {Lists[concept].Id}.");

    /// <summary>The series key of an observation: one id per <see cref="Dimensions"/> entry.</summary>
    public string[] KeyOf(Observation o) =>
    [
        Id("FREQ", Frequency(o.Period.Kind)),
        Id("INDICATOR", o.Key.Indicator),
        Id("REGION", o.Key.Region),
        Id("INDUSTRY", o.Key.Industry),
        Id("BASIS", Codes.Of(o.Key.Basis)),
        Id("MEASURE", Codes.Of(o.Key.Measure)),
    ];

    public string Status(Observation o) => Id("OBS_STATUS", Codes.Of(o.Status));

    private static string Frequency(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "M",
        PeriodKind.Quarter => "Q",
        _ => "A",
    };

    /// <summary>"X" and the first 12 hex digits of the SHA-256 of the code's UTF-8 text: stable across exports.</summary>
    private static string MadeId(string code) => "X" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)))[..12];
}
