using StatsIngest.Domain;
using StatsIngest.Messages;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize.Tables;

/// <summary>
/// Reads what one cell names, the same way wherever it stands: a header cell, a row label or a title. Whole-cell
/// entries of the code lists (an indicator, product, industry or region), a period (PeriodParser), an index base
/// (上年=100), a unit in brackets, and the vocabulary's words for measures, bases, statuses and skipped columns. Each
/// fact carries the reason it was found, which <c>validate --explain</c> prints.
/// </summary>
public sealed class CellClassifier(TableLexicon lexicon)
{
    private readonly EntityFinder _entities = new(lexicon.Codes);

    private Vocabulary Words => lexicon.Words;

    /// <summary>A column header cell.</summary>
    public CellFacts Header(string? text) => Cell(text, CellRole.Header, StubKind.Label, null);

    /// <summary>A row label in a stub column of the given kind, inside a section of the given kind (if any).</summary>
    public CellFacts Stub(string? text, StubKind kind, StubKind? section) => Cell(text, CellRole.Stub, kind, section);

    /// <summary>A title or scope line: facts found inside a sentence.</summary>
    public CellFacts Title(string? text)
    {
        var s = Label.Fold(text);
        var f = new CellFacts { Text = s };
        if (s.Length == 0)
        {
            return f;
        }

        (s, f) = IndexBase(s, f);
        var status = Words.Statuses.Find(s);
        if (status is { } st)
        {
            f = (f with { Status = st.Meaning }).Because($"status {Codes.Of(st.Meaning)} (vocabulary: '{st.Word}')");
        }

        if (PeriodParser.TryFind(s, out var period, out var found))
        {
            f = (f with { Period = period }).Because($"period {period.Describe()} ('{found}')");
        }

        var indicator = _entities.IndicatorInText(s);
        if (indicator is not null)
        {
            f = (f with { Indicator = indicator.Value.Entry.Code }).Because($"indicator {indicator.Value.Entry.Code} {indicator.Value.Entry.Name} (indicators.json: '{indicator.Value.Alias}')");
            s = Label.MatchKey(s).Replace(indicator.Value.Alias, " ", StringComparison.Ordinal);
        }

        if (_entities.RegionInText(s) is { } region)
        {
            f = (f with { Region = region.Entry.Code }).Because($"region {region.Entry.Code} (regions.json: '{region.Alias}')");
        }

        if (Words.Measures.Find(s) is { Meaning: not Measure.Level } measure && f.Measure is null)
        {
            f = (f with { Measure = measure.Meaning }).Because($"measure {Codes.Of(measure.Meaning)} (vocabulary: '{measure.Word}')");
        }

        if (Words.Bases.Only(Without(s, status?.Word, found)) is { } basis)
        {
            f = (f with { Basis = basis.Meaning }).Because($"basis {Codes.Of(basis.Meaning)} (vocabulary: '{basis.Word}')");
        }

        if (Words.Titles.Find(s) is { } kind)
        {
            f = f.Because($"rows are {kind.Meaning.ToString().ToLowerInvariant()}s (vocabulary: '{kind.Word}')");
        }

        return f;
    }

    /// <summary>
    /// A title without its status and period words, where its basis word is looked for: "全年初步核算" holds '年初'
    /// (the year to date) across two words.
    /// </summary>
    private static string Without(string title, params string?[] words)
    {
        var key = Label.Key(title);
        foreach (var word in words)
        {
            key = string.IsNullOrEmpty(word) ? key : key.Replace(Label.Key(word), "|", StringComparison.Ordinal);
        }

        return key;
    }

    /// <summary>The kind of rows a title announces (主要产品产量 → products), or null.</summary>
    public StubKind? TitleKind(string? title) => Words.Titles.Find(title)?.Meaning;

    private CellFacts Cell(string? text, CellRole role, StubKind kind, StubKind? section)
    {
        // A footnote mark after a label ("采矿业①", "合计(注1)") is no part of it: folded, '①' is a digit, and in brackets it
        // would be taken for a unit.
        string? mark = null;
        var s = Label.Fold(text is null ? null : FootnoteMarks.Without(text, out mark));
        var f = new CellFacts { Text = s };
        if (s.Length == 0)
        {
            return f;
        }

        if (mark is not null)
        {
            f = f.Because($"footnote mark '{mark}' left out");
        }

        var (name, subset) = Words.StripSubset(s);
        if (subset)
        {
            f = (f with { Subset = true }).Because($"'{s[..(s.Length - name.Length)]}' marks a part of the {(role == CellRole.Stub ? "row above" : "column before it")}");
            s = name;
        }

        if (role == CellRole.Stub)
        {
            if (kind == StubKind.Code)
            {
                return Code(s, f);
            }

            if (kind == StubKind.Unit)
            {
                return f with { Unit = s, Measure = s == "%" ? Measure.YoY : Measure.Level, MeasureFromUnit = true, Why = [.. f.Why, $"unit {s} (the unit column)"] };
            }
        }

        // A label that is itself a code-list entry ("高技术产业(制造业)") is read whole, brackets and all.
        if (Entity(s, f, kind, section) is { } whole)
        {
            return whole;
        }

        // A row of a region's entry ("全省规模以上工业": 全省's total of the indicator; "广东省制造业").
        if (role == CellRole.Stub && _entities.RegionPrefix(s) is { } region && Entity(region.Remainder, f, kind, section) is { Region: null, Ambiguous: null } named)
        {
            return Named(named, region.Entry, "regions", $"'{region.Alias}' at the start");
        }

        (s, f) = IndexBase(s, f);
        (s, f) = Bracket(s, f);
        (s, f) = PeriodIn(s, f);
        if (s.Length > 0 && Entity(s, f, kind, section) is { } entity)
        {
            return ImpliedMeasure(entity);
        }

        if (s.Length > 0 && _entities.Prefix(s, rest => Explained(rest).Length == 0) is { } prefixed)
        {
            f = Named(f, prefixed.Entry, prefixed.List, $"'{prefixed.Alias}' at the start");
            s = Label.MatchKey(s)[prefixed.Alias.Length..];
        }

        return Skipped(ImpliedMeasure(WordsIn(s, f)), f.Text);
    }

    /// <summary>
    /// A skip word anywhere in the cell, brackets included ("比1-9月提高（百分点）"), unless a growth word makes it a rate
    /// (比上年同期增长); an index's base is no part of it (the 上年同期 of "指数(上年同期=100)_当季值").
    /// </summary>
    private CellFacts Skipped(CellFacts f, string whole)
    {
        if (f.Measure is Measure.IndexPreviousYear or Measure.IndexPreviousMonth or Measure.IndexFixedBase && !string.IsNullOrEmpty(f.Unit))
        {
            whole = whole.Replace(f.Unit, "|", StringComparison.Ordinal);
        }

        if (f.Skip is not null || Words.Skips.Find(whole) is not { } skip || (skip.Meaning.UnlessGrowth && f.Measure is Measure.YoY or Measure.MoM && !f.MeasureFromUnit))
        {
            return f;
        }

        return (f with { Skip = skip.Meaning.Reason }).Because($"not stored: {skip.Meaning.Reason} (vocabulary: '{skip.Word}')");
    }

    private CellFacts Code(string s, CellFacts f)
    {
        var entry = lexicon.Codes.Industries.ByCode(s)
                    ?? (s.Length == 1 && char.IsAsciiDigit(s[0]) ? lexicon.Codes.Industries.ByCode("0" + s) : null);
        return entry is null
            ? f with { Unexplained = s }
            : Named(f, entry, "industries", "the code column");
    }

    private CellFacts? Entity(string s, CellFacts f, StubKind kind, StubKind? section)
    {
        var candidates = _entities.Exact(s);
        if (candidates.Count == 0)
        {
            return null;
        }

        var unit = f.Unit;
        var chosen = candidates.Count == 1 ? candidates[0] : Decide(candidates, kind, section, unit);
        if (chosen is null)
        {
            return f with
            {
                Ambiguous = Msg.Of("'{label}' is {candidates}, and nothing in the table says which", ("label", s),
                    ("candidates", Msg.List(candidates.Select(c => Msg.Of("{list} {code} ({list}.json)", ("list", c.List), ("code", c.Entry.Code))), " and "))),
            };
        }

        return Named(f, chosen.Value.Entry, chosen.Value.List, $"'{s}'");
    }

    /// <summary>A label in two code lists (新能源汽车: a product and a cluster): the stub, the section or the unit decide.</summary>
    private (string List, CodeEntry Entry)? Decide(IReadOnlyList<(string List, CodeEntry Entry)> candidates, StubKind kind, StubKind? section, string? unit)
    {
        string? wanted = (section ?? kind) switch
        {
            StubKind.Product => "products",
            StubKind.Industry => "industries",
            StubKind.Region => "regions",
            _ => unit is null || unit == "%" ? null : lexicon.Units.IsMoney(unit) ? "industries" : "products",
        };
        var matches = candidates.Where(c => c.List == wanted).ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    private CellFacts Named(CellFacts f, CodeEntry entry, string list, string how)
    {
        var why = $"{list[..^1]} {entry.Code} {entry.Name} ({list}.json: {how})";
        return list switch
        {
            "indicators" or "products" => f with { Indicator = entry.Code, Why = [.. f.Why, why] },
            "regions" => f with { Region = entry.Code, Why = [.. f.Why, $"region {entry.Code} (regions.json: {how})"] },
            _ when entry.Code == SeriesKey.AllIndustries => f with { IsTotal = true, Why = [.. f.Why, $"the total (industries.json: {how})"] },
            _ => f with { Industry = entry.Code, Why = [.. f.Why, $"{(entry.Kind.Length > 0 ? entry.Kind : "industry")} {entry.Code} {entry.Name} (industries.json: {how})"] },
        };
    }

    private (string Remaining, CellFacts Facts) IndexBase(string s, CellFacts f)
    {
        var key = Label.Key(s);
        foreach (var b in Words.IndexBases)
        {
            foreach (var t in b.Texts)
            {
                var i = key.IndexOf(t, StringComparison.Ordinal);
                if (i >= 0)
                {
                    var rest = RemoveBracketed(s, i, t.Length);
                    return (StripIndexWord(rest), (f with { Measure = b.Measure, Unit = s.Substring(i, t.Length) }).Because($"an index, {s.Substring(i, t.Length)} (vocabulary: '{t}')"));
                }
            }
        }

        var m = Words.FixedBase.Match(s);
        if (m.Success)
        {
            return (StripIndexWord(RemoveBracketed(s, m.Index, m.Length)), (f with { Measure = Measure.IndexFixedBase, Unit = m.Value })
                .Because($"an index on a fixed base, {m.Value}: not a growth rate"));
        }

        return (s, f);
    }

    private string StripIndexWord(string s)
    {
        foreach (var w in Words.IndexWords)
        {
            s = s.Replace(w, string.Empty, StringComparison.Ordinal);
        }

        return s;
    }

    private static string RemoveBracketed(string s, int index, int length)
    {
        var start = index > 0 && s[index - 1] == '(' ? index - 1 : index;
        var end = index + length < s.Length && s[index + length] == ')' ? index + length + 1 : index + length;
        return s[..start] + s[end..];
    }

    private (string Remaining, CellFacts Facts) Bracket(string s, CellFacts f)
    {
        var (rest, bracket) = UnitText.SplitBracket(s);
        if (bracket is null || rest.Length == 0)
        {
            return (s, f);
        }

        if (Words.Statuses.Find(bracket) is { } status && bracket.Length > 1)
        {
            return (rest, (f with { Status = status.Meaning }).Because($"status {Codes.Of(status.Meaning)} (vocabulary: '{status.Word}')"));
        }

        if (PeriodParser.TryParse(bracket, out var period))
        {
            return (rest, (f with { Period = period }).Because($"period {period.Describe()} ('{bracket}')"));
        }

        return f.Unit is not null ? (rest, f) : (rest, (f with { Unit = bracket }).Because($"unit {bracket} (in brackets)"));
    }

    private static (string Remaining, CellFacts Facts) PeriodIn(string s, CellFacts f)
    {
        if (PeriodParser.TryParse(s, out var whole))
        {
            return (string.Empty, (f with { Period = whole }).Because($"period {whole.Describe()}"));
        }

        if (PeriodParser.TryFind(s, out var p, out var found))
        {
            var i = s.IndexOf(found, StringComparison.Ordinal);
            return (s.Remove(i, found.Length), (f with { Period = p }).Because($"period {p.Describe()} ('{found}')"));
        }

        return (s, f);
    }

    private CellFacts WordsIn(string s, CellFacts f)
    {
        if (s.Length == 0)
        {
            return f;
        }

        if (Words.Measures.Find(s) is { } measure && f.Measure is null)
        {
            f = (f with { Measure = measure.Meaning }).Because($"measure {Codes.Of(measure.Meaning)} (vocabulary: '{measure.Word}')");
        }

        if (Words.Bases.Find(s) is { } basis)
        {
            f = (f with { Basis = basis.Meaning }).Because($"basis {Codes.Of(basis.Meaning)} (vocabulary: '{basis.Word}')");
        }

        if (Words.Skips.Find(s) is { } skip && !(skip.Meaning.UnlessGrowth && f.Measure is Measure.YoY or Measure.MoM))
        {
            f = (f with { Skip = skip.Meaning.Reason }).Because($"not stored: {skip.Meaning.Reason} (vocabulary: '{skip.Word}')");
        }

        if (Words.Statuses.Find(s) is { } status && f.Status is null)
        {
            f = (f with { Status = status.Meaning }).Because($"status {Codes.Of(status.Meaning)} (vocabulary: '{status.Word}')");
        }

        return f with { Unexplained = Explained(s) };
    }

    /// <summary>What is left of a text once every vocabulary word in it is taken out (empty: the text is understood).</summary>
    private string Explained(string s)
    {
        var key = Label.MatchKey(s);
        foreach (var word in Words.AllWords.Concat(Words.Fillers))
        {
            key = key.Replace(word, string.Empty, StringComparison.Ordinal);
        }

        return key;
    }

    private static CellFacts ImpliedMeasure(CellFacts f) =>
        f.Measure is null && f.Unit is { } unit
            ? (f with { Measure = unit == "%" ? Measure.YoY : Measure.Level, MeasureFromUnit = true })
                .Because(unit == "%" ? "a growth rate (the unit is %)" : $"a level (the unit is {unit})")
            : f;
}
