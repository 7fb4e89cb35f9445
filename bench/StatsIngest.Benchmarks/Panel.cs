using System.Globalization;
using System.Text;

namespace StatsIngest.Benchmarks;

/// <summary>
/// The benchmark's input: a canonical table of 31 provinces × the industry total and industries 06–46 × 当月/累计 ×
/// level/growth, month by month from January 2000 (5,208 rows a month), deterministic for a seed; and a small monthly
/// file of one region's figures for one month (168 rows: the total and 41 industries × 2 bases × 2 measures).
/// </summary>
public static class Panel
{
    public const string Header = "period,region,indicator,industry,basis,measure,value,unit,status";

    public static readonly string[] Provinces =
    [
        "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
        "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    ];

    private static readonly string[] Industries = ["合计", .. Enumerable.Range(6, 41).Select(i => i.ToString("00", CultureInfo.InvariantCulture))];

    /// <summary>The rows of the panel, in period order, <paramref name="rows"/> of them (or a province's across months, for a region other than all).</summary>
    public static IEnumerable<string> Rows(long rows, int seed = 1, int firstYear = 2000)
    {
        var random = new Random(seed);
        long written = 0;
        for (var month = 0; ; month++)
        {
            var period = $"{firstYear + (month / 12)}-{(month % 12) + 1:00}";
            foreach (var province in Provinces)
            {
                foreach (var line in Month(period, province, random))
                {
                    if (written++ == rows)
                    {
                        yield break;
                    }

                    yield return line;
                }
            }
        }
    }

    /// <summary>The year after the last month of a panel of <paramref name="rows"/> rows, and not before <paramref name="earliest"/>: the monthly files' year.</summary>
    public static int YearAfter(long rows, int earliest = 2030, int firstYear = 2000)
    {
        var perMonth = Provinces.Length * Industries.Length * 4;
        var months = (rows + perMonth - 1) / perMonth;
        return Math.Max(earliest, months == 0 ? firstYear : firstYear + (int)((months - 1) / 12) + 1);
    }

    /// <summary>One region's file of one month: 168 rows.</summary>
    public static IEnumerable<string> RegionMonth(string period, string region, int seed = 7) => Month(period, region, new Random(seed));

    public static void WriteCsv(string path, IEnumerable<string> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(Header);
        foreach (var row in rows)
        {
            writer.WriteLine(row);
        }
    }

    private static IEnumerable<string> Month(string period, string region, Random random)
    {
        foreach (var industry in Industries)
        {
            foreach (var basis in (string[])["month", "ytd"])
            {
                var level = Math.Round(1 + (random.NextDouble() * 5000), 1).ToString(CultureInfo.InvariantCulture);
                var growth = Math.Round(-10 + (random.NextDouble() * 30), 1).ToString(CultureInfo.InvariantCulture);
                yield return $"{period},{region},规模以上工业增加值,{industry},{basis},level,{level},亿元,final";
                yield return $"{period},{region},规模以上工业增加值,{industry},{basis},yoy,{growth},%,final";
            }
        }
    }
}
