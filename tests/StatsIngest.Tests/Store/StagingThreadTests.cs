using System.Data.Common;
using Microsoft.Data.Sqlite;
using StatsIngest.Domain;
using StatsIngest.Store;

namespace StatsIngest.Tests.Store;

/// <summary>
/// A staging that fails on its second thread (a full disk, here thrown by the staging itself at its 3,000th row): the
/// failure reaches the reader as it was thrown, every time the file is asked to be complete — never a commit of the rows
/// staged before it.
/// </summary>
public class StagingThreadTests
{
    [Fact]
    public void A_failure_of_the_staging_is_thrown_to_the_reader_each_time_it_completes_the_file()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var failing = new FailingStaging(connection, transaction, failAt: 3000);
        using var staging = new StagingThread(failing);
        var series = new SeriesKey("GDP", "全国", "_T", Basis.Year, Measure.Level);

        var thrown = Record.Exception(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                staging.Add(new Observation(series, ReportingPeriod.ForYear(2000 + (i % 20)), i, "亿元", ObservationStatus.Normal, new Provenance("f.csv", "sha", "Sheet1", $"B{i + 2}", "1")));
            }

            staging.Drain();
        });

        Assert.Equal("disk full at row 3000", Assert.IsType<IOException>(thrown).Message);
        Assert.Equal("disk full at row 3000", Assert.Throws<IOException>(staging.Drain).Message);
    }

    private sealed class FailingStaging(DbConnection connection, DbTransaction transaction, int failAt) : FileStaging(connection, transaction)
    {
        public override void Add(Observation o)
        {
            if (++Staged == failAt)
            {
                throw new IOException($"disk full at row {failAt}");
            }
        }

        public override void Dispose()
        {
        }

        protected override void Complete()
        {
        }

        protected override void Clear()
        {
        }
    }
}
