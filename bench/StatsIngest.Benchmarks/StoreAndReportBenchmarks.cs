using BenchmarkDotNet.Attributes;
using StatsIngest.Domain;
using StatsIngest.Report;
using StatsIngest.Store;

namespace StatsIngest.Benchmarks;

/// <summary>
/// Region and industry labels as offices write them (a short name, a full name, a name without its enumeration comma, a
/// code, an alias) matched by the code lists, against a bare dictionary lookup of the same number of exact keys.
/// </summary>
[MemoryDiagnoser]
public class LabelMatchingBenchmarks
{
    private readonly string[] _labels =
    [
        "广东", "广东省", "内蒙古自治区", "全国", "计算机、通信和其他电子设备制造业", "计算机通信和其他电子设备制造业",
        "汽车制造业", "C36", "电力、热力生产和供应业", "专用设备制造业",
    ];

    private Normalize.Lexicon.CodeLists _codes = null!;
    private Dictionary<string, string> _bare = [];

    [GlobalSetup]
    public void Setup()
    {
        _codes = Harness.Services().Context("labels.csv").Codes;
        _bare = _labels.ToDictionary(l => l, l => l, StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true)]
    public int BareDictionaryLookup() => _labels.Count(l => _bare.ContainsKey(l));

    [Benchmark]
    public int CodeListMatch() => _labels.Count(l => (_codes.Regions.Match(l) ?? _codes.Industries.Match(l)) is not null);
}

/// <summary>
/// The store's commit of one file of 10,000 observations (series found or made, the latest vintage compared, provenance
/// kept, in one transaction) into a fresh SQLite store (made before each iteration, its schema not timed), against a
/// bare insert of the same 10,000 rows as they are (parsed from the CSV, into a table it makes).
/// </summary>
[MemoryDiagnoser]
public class StoreCommitBenchmarks
{
    private const int Rows = 10_000;
    private string _csv = string.Empty;
    private string _database = string.Empty;
    private string _bareDatabase = string.Empty;
    private IReadOnlyList<Observation> _observations = [];
    private ObservationStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _csv = Path.Combine(Path.GetTempPath(), "statsingest-bench-commit.csv");
        _database = Path.Combine(Path.GetTempPath(), "statsingest-bench-commit.db");
        _bareDatabase = Path.Combine(Path.GetTempPath(), "statsingest-bench-commit-bare.db");
        Panel.WriteCsv(_csv, Panel.Rows(Rows));
        var services = Harness.Services();
        _observations = services.Normalizer.Normalize(Read.GridReader.Read(_csv), services.Context(Path.GetFileName(_csv))).Observations;
    }

    [IterationSetup]
    public void Fresh()
    {
        foreach (var path in new[] { _database, _bareDatabase })
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }

        _store = new ObservationStore(_database);
    }

    [Benchmark(Baseline = true)]
    public long BareSqliteInsert() => Baselines.BareSqlite(_csv, _bareDatabase);

    [Benchmark]
    public int CommitFile()
    {
        var file = new FileRecord(0, new string('0', 64), Path.GetFileName(_csv), new FileInfo(_csv).Length, DateTimeOffset.UnixEpoch,
            "csv", "UTF-8", "canonical", Rows, 0, 0, [], [], "archive/bench.csv");
        return _store.CommitFile(file, _observations, DateTimeOffset.UnixEpoch).Added;
    }
}

/// <summary>
/// One summary workbook of a store holding the 10,000-row panel (what the report shows, already gathered), against a bare
/// ClosedXML write of the same cells (the tables of that workbook, as its companion CSVs hold them).
/// </summary>
[MemoryDiagnoser]
public class WorkbookBenchmarks
{
    private SummaryData _data = null!;
    private string _tables = string.Empty;
    private string _output = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "statsingest-bench-workbook");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var csv = Path.Combine(Path.GetTempPath(), "statsingest-bench-workbook.csv");
        Panel.WriteCsv(csv, Panel.Rows(10_000));
        var services = Harness.Services(folder);
        var observations = services.Normalizer.Normalize(Read.GridReader.Read(csv), services.Context(Path.GetFileName(csv))).Observations;
        services.Store.CommitFile(new FileRecord(0, new string('0', 64), Path.GetFileName(csv), new FileInfo(csv).Length, DateTimeOffset.UnixEpoch,
            "csv", "UTF-8", "canonical", observations.Count, 0, 0, [], [], "archive/bench.csv"), observations, DateTimeOffset.UnixEpoch);
        var written = services.Reports.WriteSummary();
        _tables = Path.ChangeExtension(written, null) + "_csv";
        _data = services.Reports.Gather();
        _output = Path.Combine(folder, "bench.xlsx");
    }

    [Benchmark(Baseline = true)]
    public void BareClosedXmlWrite() => Baselines.BareClosedXml(_tables, _output);

    [Benchmark]
    public void SummaryWorkbook() => SummaryWorkbookWriter.Build(_output, _data);
}
