using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>`statsingest copy-store`: an SQLite store with several vintages copied into PostgreSQL, row for row.</summary>
public class CopyStoreTests
{
    private const string History = """
        SELECT id, indicator, region, industry, basis, measure, period, value, unit, status, vintage, vintage_time,
               file_name, sha256, sheet, cell, raw_text, label, flags, unit_factor, reason
        FROM observation_history ORDER BY id
        """;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    [SkippableFact]
    public void Every_vintage_with_its_provenance_arrives_row_for_row_and_a_second_copy_is_refused()
    {
        using var db = PostgresDatabase.Create();
        using var tmp = new TempFolder();
        var data = tmp.File("data");
        foreach (var fixture in (string[])[Fixtures.Preliminary, Fixtures.Final2021, Fixtures.Monthly2023])
        {
            Assert.Equal(StatsIngestCli.Ok, Run("ingest", Fixtures.Sample(fixture), "--data", data).Code);
        }

        var (code, output, err) = Run("copy-store", "--to", db.ConnectionString, "--data", data);

        Assert.True(code == StatsIngestCli.Ok, err);
        Assert.Contains("observations", output, StringComparison.Ordinal);
        var sqlite = Rows(new SqliteConnection($"Data Source={Path.Combine(data, "statsingest.db")};Mode=ReadOnly;Pooling=False"));
        var postgres = Rows(new NpgsqlConnection(db.ConnectionString));
        Assert.True(sqlite.Count > 40, $"{sqlite.Count} observations");
        Assert.Equal(sqlite, postgres);
        Assert.Equal(3L, db.Scalar("SELECT COUNT(*) FROM files"));
        Assert.True((long)db.Scalar("SELECT COUNT(*) FROM indicator_values")! > 0);

        // New rows get ids after the copied ones.
        var lastSeries = (long)db.Scalar("SELECT MAX(id) FROM series")!;
        Assert.Equal(lastSeries + 1, db.Scalar("INSERT INTO series (indicator, region, industry, basis, measure) VALUES ('X', 'Y', 'Z', 'A', 'L') RETURNING id"));

        var again = Run("copy-store", "--to", db.ConnectionString, "--data", data);
        Assert.Equal(StatsIngestCli.StoreError, again.Code);
        Assert.Contains("already holds data", again.Err, StringComparison.Ordinal);
        Assert.Equal(3L, db.Scalar("SELECT COUNT(*) FROM files"));
    }

    private static List<string> Rows(System.Data.Common.DbConnection c)
    {
        using (c)
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = History;
            using var r = cmd.ExecuteReader();
            var rows = new List<string>();
            while (r.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
            }

            return rows;
        }
    }
}
