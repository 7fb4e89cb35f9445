using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using StatsIngest.Benchmarks;

// statsingest-bench: the inputs and baselines of bench/run.sh, and the BenchmarkDotNet micro benchmarks.
//   generate csv|xlsx ROWS OUT      the panel (Panel.cs) as a canonical CSV or an .xlsx sheet
//   monthly PERIOD REGION OUT       one region's 168-row file of one month (yyyy-MM)
//   year-after ROWS                 the year of the monthly files after a panel of ROWS rows (2030 at the earliest)
//   bare-csv FILE | bare-xlsx FILE | bare-sqlite FILE DB | bare-postgres FILE CS | bare-closedxml TABLES_DIR OUT   the baselines
//   pg-fresh CS [TEMPLATE]          drops and creates the PostgreSQL database CS names (a copy of the database TEMPLATE)
//   pg-drop CS                      drops the PostgreSQL database CS names
//   micro [BenchmarkDotNet arguments]   e.g. micro --filter '*Parsing*'
//   micro-smoke                     every micro benchmark run once (BenchmarkDotNet's dry job, any build): they keep working
return args switch
{
    ["generate", "csv", var rows, var output] => Done(() => Panel.WriteCsv(output, Panel.Rows(long.Parse(rows, CultureInfo.InvariantCulture)))),
    ["generate", "xlsx", var rows, var output] => Done(() => Baselines.WriteXlsx(output, Panel.Rows(long.Parse(rows, CultureInfo.InvariantCulture)))),
    ["monthly", var period, var region, var output] => Done(() => Panel.WriteCsv(output, Panel.RegionMonth(period, region))),
    ["year-after", var rows] => Done(() => Console.WriteLine(Panel.YearAfter(long.Parse(rows, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture))),
    ["bare-csv", var file] => Done(() => Baselines.BareCsv(file)),
    ["bare-xlsx", var file] => Done(() => Baselines.BareXlsx(file)),
    ["bare-sqlite", var file, var database] => Done(() => Baselines.BareSqlite(file, database)),
    ["bare-postgres", var file, var connection] => Done(() => Baselines.BarePostgres(file, connection)),
    ["pg-fresh", var connection] => Done(() => Baselines.FreshPostgres(connection)),
    ["pg-fresh", var connection, var template] => Done(() => Baselines.FreshPostgres(connection, template)),
    ["pg-drop", var connection] => Done(() => Baselines.DropPostgres(connection)),
    ["bare-closedxml", var tables, var output] => Done(() => Baselines.BareClosedXml(tables, output)),
    ["micro", .. var rest] => Micro(rest),
    ["micro-smoke"] => MicroSmoke(),
    _ => Usage(),
};

static int Done(Action action)
{
    action();
    return 0;
}

// In process: BenchmarkDotNet's own build of a benchmark project looks for a project named as the assembly
// (statsingest-bench.csproj) and finds none.
static int Micro(string[] rest)
{
    string[] inProcess = rest.Contains("--inProcess") || rest.Contains("-i") ? [] : ["--inProcess"];
    BenchmarkSwitcher.FromAssembly(typeof(Panel).Assembly).Run([.. rest, .. inProcess]);
    return 0;
}

// Once each, in process, in whatever build ran it (the tests' smoke run is the Debug build): 1 when one failed.
static int MicroSmoke()
{
    var config = DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile)
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "statsingest-bench-smoke"));
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Panel).Assembly).RunAll(config).ToArray();
    var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).Select(s => s.Title).ToArray();
    Console.WriteLine(failed.Length == 0 ? $"micro benchmarks: {summaries.Sum(s => s.Reports.Length)} ran once each" : "micro benchmarks failed: " + string.Join(", ", failed));
    return failed.Length == 0 && summaries.Length > 0 ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: statsingest-bench generate csv|xlsx ROWS OUT | monthly PERIOD REGION OUT | year-after ROWS | bare-csv FILE | bare-xlsx FILE | bare-sqlite FILE DB | bare-postgres FILE CS | pg-fresh CS [TEMPLATE] | pg-drop CS | bare-closedxml TABLES_DIR OUT | micro [args] | micro-smoke");
    return 2;
}
