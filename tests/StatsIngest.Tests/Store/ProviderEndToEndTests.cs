using System.Text.RegularExpressions;
using ClosedXML.Excel;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>The command line on PostgreSQL does what it does on SQLite: the same vintages, indicators and workbook.</summary>
public partial class ProviderEndToEndTests
{
    private static readonly string[] Samples = [Fixtures.Preliminary, Fixtures.Final2021, Fixtures.Monthly2023];

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex IsoTime();

    [SkippableFact]
    public void Ingest_report_and_export_on_postgres_give_what_they_give_on_sqlite()
    {
        using var sqlite = TestStore.Create("sqlite");
        using var postgres = TestStore.Create("postgres");

        var (sqliteAll, sqliteIndicators, sqliteSheets) = Run(sqlite);
        var (postgresAll, postgresIndicators, postgresSheets) = Run(postgres);

        Assert.True(sqliteAll.Split('\n').Length > 40);
        Assert.Equal(sqliteAll, postgresAll);
        Assert.Equal(sqliteIndicators, postgresIndicators);
        Assert.Equal(sqliteSheets, postgresSheets);
        Assert.Equal(3L, postgres.Postgres!.Scalar("SELECT COUNT(*) FROM files"));

        // On PostgreSQL each command is an instance of the cluster while it runs; it leaves without a trace in the data
        // folder: no lock file of its own, no empty work/<instance>/ (a daily command used to add three of them a day).
        Assert.Empty(Directory.GetFiles(postgres.Data, ".statsingest.*"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(postgres.Data, "work")));
    }

    [SkippableFact]
    public void An_sqlite_store_copied_to_postgres_exports_every_vintage_byte_for_byte()
    {
        using var sqlite = TestStore.Create("sqlite");
        using var postgres = TestStore.Create("postgres");
        foreach (var sample in Samples)
        {
            Assert.Equal(StatsIngestCli.Ok, CliRun.Run(["ingest", Fixtures.Sample(sample), "--data", sqlite.Data]).Code);
        }

        var copy = CliRun.Run(["copy-store", "--to", postgres.Postgres!.ConnectionString, "--data", sqlite.Data]);
        Assert.True(copy.Code == StatsIngestCli.Ok, copy.Err);

        var fromSqlite = Export(sqlite, "--all-vintages");
        var fromPostgres = Export(postgres, "--all-vintages");
        Assert.True(fromSqlite.Length > 1000);
        Assert.Equal(fromSqlite, fromPostgres);
    }

    private static (string All, string Indicators, string Sheets) Run(TestStore store)
    {
        foreach (var sample in Samples)
        {
            var ingest = CliRun.Run(["ingest", Fixtures.Sample(sample), "--data", store.Data, .. store.Settings]);
            Assert.True(ingest.Code == StatsIngestCli.Ok, store.Provider + ": " + ingest.Err + ingest.Out);
        }

        var report = CliRun.Run(["report", "--data", store.Data, .. store.Settings]);
        Assert.True(report.Code == StatsIngestCli.Ok, store.Provider + ": " + report.Err);
        using var workbook = new XLWorkbook(Path.Combine(store.Data, "out", "latest.xlsx"));
        var sheets = string.Join(";", workbook.Worksheets.Select(w => $"{w.Name}:{w.LastRowUsed()?.RowNumber()}"));
        return (IsoTime().Replace(Export(store, "--all-vintages"), "T"), IsoTime().Replace(Export(store, "--indicators"), "T"), sheets);
    }

    private static string Export(TestStore store, string what)
    {
        var target = Path.Combine(store.Folder.Path, $"export{what}.csv");
        var export = CliRun.Run(["export", what, "--out", target, "--data", store.Data, .. store.Settings]);
        Assert.True(export.Code == StatsIngestCli.Ok, export.Err);
        return File.ReadAllText(target);
    }
}
