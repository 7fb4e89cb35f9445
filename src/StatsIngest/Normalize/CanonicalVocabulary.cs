using StatsIngest.Domain;
using StatsIngest.Parsing;

namespace StatsIngest.Normalize;

/// <summary>The words the canonical tidy table accepts, in Chinese and English: header names, bases, measures, statuses.</summary>
public static class CanonicalVocabulary
{
    public static readonly IReadOnlyDictionary<CanonicalColumn, string[]> Headers = new Dictionary<CanonicalColumn, string[]>
    {
        [CanonicalColumn.Period] = ["期间", "时期", "时间", "报告期", "统计期", "period", "time_period", "time"],
        [CanonicalColumn.Region] = ["地区", "区域", "地区名称", "region", "ref_area", "area"],
        [CanonicalColumn.Indicator] = ["指标", "指标名称", "indicator", "series"],
        [CanonicalColumn.Industry] = ["行业", "行业名称", "行业代码", "industry"],
        [CanonicalColumn.Basis] = ["口径", "统计口径", "basis", "frequency"],
        [CanonicalColumn.Measure] = ["度量", "计量", "指标类型", "measure"],
        [CanonicalColumn.Value] = ["数值", "值", "数据", "value", "obs_value"],
        [CanonicalColumn.Unit] = ["单位", "计量单位", "unit"],
        [CanonicalColumn.Status] = ["状态", "数据状态", "status", "obs_status"],
    };

    public static readonly CanonicalColumn[] Required = [CanonicalColumn.Period, CanonicalColumn.Indicator, CanonicalColumn.Measure, CanonicalColumn.Value];

    private static readonly Dictionary<string, CanonicalColumn> HeaderIndex = Headers
        .SelectMany(kv => kv.Value.Select(v => (Key: Label.Key(v), kv.Key)))
        .ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);

    private static readonly Dictionary<string, Basis> BasisWords = Index<Basis>(new()
    {
        [Basis.Month] = ["当月", "本月", "月度", "month", "monthly", "m"],
        [Basis.YearToDate] = ["累计", "年累计", "1-n月", "ytd", "year-to-date", "cumulative"],
        [Basis.Quarter] = ["当季", "季度", "quarter", "quarterly", "q"],
        [Basis.Year] = ["全年", "年度", "年", "year", "annual", "a"],
    });

    private static readonly Dictionary<string, Measure> MeasureWords = Index<Measure>(new()
    {
        [Measure.Level] = ["绝对量", "绝对额", "绝对值", "总量", "水平", "level", "l"],
        [Measure.YoY] = ["同比", "同比增长", "同比增长(%)", "同比增速", "比上年增长", "比上年增长(%)", "增速", "增长", "yoy", "yoy%"],
        [Measure.MoM] = ["环比", "环比增长", "环比增长(%)", "mom", "mom%"],
    });

    private static readonly Dictionary<string, ObservationStatus> StatusWords = Index<ObservationStatus>(new()
    {
        [ObservationStatus.Normal] = ["", "正常", "最终", "最终核实", "核实", "终值", "final", "normal", "a"],
        [ObservationStatus.Provisional] = ["初步", "初步核算", "初值", "快报", "provisional", "preliminary", "p"],
        [ObservationStatus.Estimated] = ["估计", "推算", "估算", "estimated", "e"],
        [ObservationStatus.Missing] = ["缺失", "missing", "m"],
    });

    public static CanonicalColumn? Header(string? text) =>
        HeaderIndex.TryGetValue(Label.Key(StripUnitSuffix(text)), out var c) ? c : null;

    public static bool TryBasis(string? text, out Basis basis) => BasisWords.TryGetValue(Label.Key(text), out basis);

    public static bool TryMeasure(string? text, out Measure measure) => MeasureWords.TryGetValue(Label.Key(text), out measure);

    public static bool TryStatus(string? text, out ObservationStatus status) => StatusWords.TryGetValue(Label.Key(text), out status);

    /// <summary>"数值（亿元）" → "数值": a unit in brackets after a header name is allowed.</summary>
    private static string StripUnitSuffix(string? text)
    {
        var s = Label.Fold(text);
        var i = s.IndexOf('(', StringComparison.Ordinal);
        return i > 0 && s.EndsWith(')') ? s[..i] : s;
    }

    private static Dictionary<string, T> Index<T>(Dictionary<T, string[]> words)
        where T : notnull =>
        words.SelectMany(kv => kv.Value.Select(v => (Key: Label.Key(v), kv.Key)))
             .ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
}
