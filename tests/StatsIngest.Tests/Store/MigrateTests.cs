using System.Globalization;
using StatsIngest.Cli;
using StatsIngest.Store;
using StatsIngest.Store.Postgres;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>`statsingest migrate` on both stores: the schema created, upgraded once, a newer one refused; the provider setting checked.</summary>
public class MigrateTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public void Migrate_on_the_sqlite_store_creates_it_and_says_its_version()
    {
        using var tmp = new TempFolder();
        var (code, output, _) = Run("migrate", "--data", tmp.File("data"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains($"schema version {Schema.LatestVersion}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(tmp.File("data/statsingest.db")));
    }

    [SkippableFact]
    public void Migrate_on_postgres_creates_every_table_once_and_a_second_run_has_nothing_to_do()
    {
        using var db = PostgresDatabase.Create();
        string[] args = ["migrate", "--Store:Provider=postgres", $"--ConnectionStrings:StatsIngest={db.ConnectionString}"];

        var first = Run(args);
        Assert.True(first.Code == StatsIngestCli.Ok, first.Err);
        Assert.Contains($"schema version 0 → {PostgresSchema.LatestVersion}", first.Out, StringComparison.Ordinal);
        foreach (var table in (string[])["files", "deliveries", "series", "observations", "indicator_values", "indicator_revisions", "source_state"])
        {
            Assert.Equal(1L, db.Scalar($"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}' AND table_type = 'BASE TABLE'"));
        }

        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM latest_observations"));
        foreach (var table in (string[])["qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks"])
        {
            Assert.Equal(1L, db.Scalar($"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}'")); // created by Quartz itself
        }

        var second = Run(args);
        Assert.Equal(StatsIngestCli.Ok, second.Code);
        Assert.Contains("nothing to do", second.Out, StringComparison.Ordinal);
        Assert.Equal(PostgresSchema.LatestVersion, db.Scalar("SELECT version FROM statsingest_schema"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM statsingest_schema"));
    }

    [SkippableFact]
    public async Task Instances_migrating_at_once_apply_each_version_once()
    {
        using var db = PostgresDatabase.Create();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.Apply(db.ConnectionString))));

        Assert.Single(runs, r => r.From == 0);
        Assert.All(runs, r => Assert.Equal(PostgresSchema.LatestVersion, r.To));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM statsingest_schema"));
    }

    /// <summary>
    /// A refresh reads which row is the latest of each series and period (series, period, vintage, id) from the index by
    /// series and period alone, as SQLite does from its index (whose entries carry the rowid): on PostgreSQL without the
    /// id in the index each of them was a visit to the table — at 10M rows the planner read the whole table instead (2.2 s).
    /// </summary>
    [SkippableFact]
    public void On_postgres_the_latest_rows_of_a_series_are_found_in_the_index_alone()
    {
        using var db = PostgresDatabase.Create();
        PostgresSchema.Apply(db.ConnectionString);
        using var c = new Npgsql.NpgsqlConnection(db.ConnectionString);
        c.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off; EXPLAIN SELECT series_id, period, file_id, id FROM observations WHERE series_id = 1 ORDER BY period", c);

        var plan = Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);

        Assert.StartsWith("Index Only Scan using ix_observations_series_period on observations", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_postgres_store_newer_than_the_program_is_refused_and_left_alone()
    {
        using var db = PostgresDatabase.Create();
        PostgresSchema.Apply(db.ConnectionString);
        db.Execute("UPDATE statsingest_schema SET version = 99");

        var (code, _, err) = Run("migrate", "--Store:Provider=postgres", $"--ConnectionStrings:StatsIngest={db.ConnectionString}");

        Assert.Equal(StatsIngestCli.StoreError, code);
        Assert.Contains("schema version 99, newer than this program knows", err, StringComparison.Ordinal);
        Assert.Equal(99, db.Scalar("SELECT version FROM statsingest_schema"));
    }

    [Theory]
    [InlineData("--Store:Provider=oracle", "Store:Provider = 'oracle' is not allowed")]
    [InlineData("--Store:Provider=postgres", "needs ConnectionStrings:StatsIngest")]
    [InlineData("--Store:BusyTimeoutSeconds=0", "Store:BusyTimeoutSeconds")]
    public void A_store_setting_that_cannot_work_is_one_configuration_error(string setting, string said)
    {
        using var tmp = new TempFolder();
        var (code, _, err) = Run("migrate", "--data", tmp.File("data"), setting);

        Assert.Equal(StatsIngestCli.ConfigError, code);
        Assert.Contains(said, err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_that_does_not_answer_is_one_store_error_and_the_file_is_left_alone()
    {
        using var tmp = new TempFolder();
        var input = tmp.File(Fixtures.Preliminary);
        File.Copy(Fixtures.Sample(Fixtures.Preliminary), input);
        var before = File.ReadAllBytes(input);
        var (code, _, err) = Run("ingest", input, "--data", tmp.File("data"),
            "--Store:Provider=postgres", "--ConnectionStrings:StatsIngest=Host=127.0.0.1;Port=1;Database=none;Timeout=2");

        Assert.Equal(StatsIngestCli.StoreError, code);
        Assert.Contains("PostgreSQL did not answer", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(input));
    }
}
