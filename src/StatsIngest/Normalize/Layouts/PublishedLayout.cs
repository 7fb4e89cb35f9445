using StatsIngest.Normalize.Tables;
using StatsIngest.Parsing;
using StatsIngest.Read;

namespace StatsIngest.Normalize.Layouts;

/// <summary>
/// The common part of the publication layouts: each scores the shared <see cref="PublishedTable"/> analysis with its
/// own features and tells the shared <see cref="TableReader"/> how to read rows (indicator, status, what rows name).
/// </summary>
public abstract class PublishedLayout(CodeLists codes) : ILayout
{
    protected CodeLists Codes { get; } = codes;

    public abstract string Name { get; }

    public abstract string Description { get; }

    public LayoutMatch Match(RawSheet sheet)
    {
        var table = PublishedTable.Of(sheet);
        return table.HasData ? Score(table) : LayoutMatch.Of(0, ("rows with a label and numbers", false));
    }

    public LayoutResult Read(RawSheet sheet, NormalizeContext context)
    {
        var table = PublishedTable.Of(sheet);
        var result = new TableReader(table, context, Settings(table, context)).Read();
        return result;
    }

    protected abstract LayoutMatch Score(PublishedTable table);

    protected abstract TableSettings Settings(PublishedTable table, NormalizeContext context);

    /// <summary>The indicator a configured rule names, else the one the title (or the header) names, else the fallback.</summary>
    protected string TableIndicator(PublishedTable table, NormalizeContext context, string fallback) =>
        (context.Rule?.Indicator is { Length: > 0 } i ? Codes.Indicators.Match(i)?.Code : null)
        ?? TableReader.IndicatorInText(table.Title, Codes.Indicators)?.Code
        ?? TableReader.IndicatorInText(string.Concat(table.Columns.SelectMany(c => c.Path)), Codes.Indicators)?.Code
        ?? fallback;

    protected static bool TitleHas(PublishedTable table, string words) =>
        Label.Fold(table.Title).Contains(words, StringComparison.Ordinal);

    protected static IEnumerable<ColumnMeaning> Meanings(PublishedTable table) => table.Columns.Select(ColumnMeaning.Of);
}
