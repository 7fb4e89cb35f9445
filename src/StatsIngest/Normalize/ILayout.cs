using StatsIngest.Read;

namespace StatsIngest.Normalize;

/// <summary>
/// One table layout a statistics office publishes. <see cref="Match"/> scores a sheet without reading it all;
/// <see cref="Read"/> turns a fitting sheet into observations. One class per layout, each with its own fixtures.
/// </summary>
public interface ILayout
{
    /// <summary>A short stable name, recorded with each ingested file.</summary>
    string Name { get; }

    /// <summary>What the layout is, for reports ("canonical tidy table: one observation per row …").</summary>
    string Description { get; }

    LayoutMatch Match(RawSheet sheet);

    LayoutResult Read(RawSheet sheet, NormalizeContext context);
}
