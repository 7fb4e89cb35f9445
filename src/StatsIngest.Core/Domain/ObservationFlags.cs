namespace StatsIngest.Domain;

/// <summary>What a reader should know about an observation besides its value.</summary>
[Flags]
public enum ObservationFlags
{
    None = 0,

    /// <summary>A "其中：…" or "#…" row: a part of the row above, never to be added to a total.</summary>
    Subset = 1,

    /// <summary>Its row label matched no code list entry; the series is stored under the label as written.</summary>
    Unmapped = 2,

    /// <summary>Not published as such but derived from a published cell (a growth rate from an index: 108.4 → 8.4).</summary>
    Derived = 4,

    /// <summary>
    /// No value: a new reading of its file (<c>reprocess</c>) no longer gives the value the file gave for this series and
    /// period (a label now mapped, a row now read as another series); it names the cell the value was read from.
    /// </summary>
    Withdrawn = 8,
}
