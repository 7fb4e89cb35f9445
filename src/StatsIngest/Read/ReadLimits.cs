namespace StatsIngest.Read;

/// <summary>
/// What a file may hold before it is refused with a report that names the limit and the setting that changes it.
/// Section <c>Limits</c>. The defaults let every real table through and stop a hostile file before it costs the
/// service its memory or its time.
/// </summary>
public sealed class ReadLimits
{
    public const string Section = "Limits";

    /// <summary>The largest file read, in megabytes (1 to 10240).</summary>
    /// <value>The default value is 200 MB.</value>
    public double MaxFileMegabytes { get; set; } = 200;

    /// <summary>The most rows of one sheet (1 to 1048576, Excel's own limit).</summary>
    /// <value>The default value is 1048576.</value>
    public int MaxRows { get; set; } = 1_048_576;

    /// <summary>The most non-empty cells of one sheet (1 to 100000000).</summary>
    /// <value>The default value is 5000000.</value>
    public int MaxCellsPerSheet { get; set; } = 5_000_000;

    /// <summary>The most characters of one cell (1 to 32767, Excel's own limit).</summary>
    /// <value>The default value is 32767.</value>
    public int MaxCellCharacters { get; set; } = 32_767;

    /// <summary>The largest XML part of a workbook once decompressed, in megabytes (1 to 10240): a zip bomb stops here.</summary>
    /// <value>The default value is 1024 MB.</value>
    public double MaxXmlPartMegabytes { get; set; } = 1024;

    /// <summary>
    /// The largest web page read as a workbook (an ".xls" that is HTML), in megabytes (1 to 1024): it is parsed whole, its
    /// document taking about 60 times its size in memory (a portal's export is a few hundred KB).
    /// </summary>
    /// <value>The default value is 5 MB.</value>
    public double MaxHtmlMegabytes { get; set; } = 5;

    /// <summary>The most shared strings of a workbook (1 to 100000000).</summary>
    /// <value>The default value is 5000000.</value>
    public int MaxSharedStrings { get; set; } = 5_000_000;

    /// <summary>The earliest year a period may have (1949 to 2200).</summary>
    /// <value>The default value is 1949.</value>
    public int MinYear { get; set; } = 1949;

    /// <summary>The latest year a period may have (1949 to 2200); 0 means the current year + 1.</summary>
    /// <value>The default value is 0: the current year + 1.</value>
    public int MaxYear { get; set; }

    /// <summary>How long reading, understanding and storing one file may take, in seconds (1 to 86400).</summary>
    /// <value>The default value is 300 seconds.</value>
    public double FileSeconds { get; set; } = 300;

    public static ReadLimits Default { get; } = new();

    /// <summary>The years a period may have, the open end resolved against today.</summary>
    public (int Min, int Max) Years(TimeProvider clock) => (MinYear, MaxYear > 0 ? MaxYear : clock.GetUtcNow().Year + 1);
}
