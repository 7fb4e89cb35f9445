namespace StatsIngest.Normalize.Lexicon;

/// <summary>What the cells of a stub column (or the rows of a section) name, as its header or the section says.</summary>
public enum StubKind
{
    /// <summary>Indicators, industries, products and regions, whichever code list a label is in.</summary>
    Label,
    Region,
    Period,
    Code,
    Unit,
    Product,
    Industry,

    /// <summary>Indicators (a label kept as written is an unmapped indicator).</summary>
    Indicator,
}
