using StatsIngest.Read;

namespace StatsIngest.Tests.Read;

/// <summary>A sheet's rows read ahead on a thread of their own (as an .xlsx's are) come as they would be read in place.</summary>
public class SheetStreamTests
{
    private const int Rows = 5000;

    private static readonly ReadLimits Limits = new();

    /// <summary>Rows 1..<paramref name="count"/>, the reading failing at row <paramref name="failAt"/> when given; <paramref name="threads"/> notes where each was read.</summary>
    private static IEnumerable<IReadOnlyList<RawCell>> Numbered(int count, int? failAt = null, HashSet<int>? threads = null)
    {
        for (var row = 1; row <= count; row++)
        {
            if (row == failAt)
            {
                throw new GridReadException($"row {row} can not be read");
            }

            lock (threads ?? [])
            {
                threads?.Add(Environment.CurrentManagedThreadId);
            }

            yield return [new RawCell(row, 1, row.ToString(System.Globalization.CultureInfo.InvariantCulture), row)];
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_row_comes_once_in_order_and_is_counted(bool readAhead)
    {
        var threads = new HashSet<int>();
        var sheet = new SheetStream("S", Numbered(Rows, threads: threads), Limits, readAhead: readAhead);

        var rows = sheet.Head.Concat(sheet.Rest()).Select(r => r[0].Row).ToList();

        Assert.Equal(Enumerable.Range(1, Rows), rows);
        Assert.Equal(Rows, sheet.RowsRead);
        Assert.Equal(readAhead ? 2 : 1, threads.Count); // the head here, the rest on the read-ahead thread
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failure_of_the_reading_comes_after_the_rows_before_it(bool readAhead)
    {
        var sheet = new SheetStream("S", Numbered(Rows, failAt: 3001), Limits, readAhead: readAhead);
        var taken = new List<int>();

        var ex = Assert.Throws<GridReadException>(() =>
        {
            foreach (var row in sheet.Rest())
            {
                taken.Add(row[0].Row);
            }
        });

        Assert.Equal("row 3001 can not be read", ex.Message);
        Assert.Equal(Enumerable.Range(SheetStream.HeadRows + 1, 3000 - SheetStream.HeadRows), taken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rows_left_untaken_are_read_past_by_Finish_and_counted(bool readAhead)
    {
        var sheet = new SheetStream("S", Numbered(Rows), Limits, readAhead: readAhead);

        var first = sheet.Rest().Take(100).Select(r => r[0].Row).ToList();
        sheet.Finish();

        Assert.Equal(Enumerable.Range(SheetStream.HeadRows + 1, 100), first);
        Assert.Equal(Rows, sheet.RowsRead);
    }
}
