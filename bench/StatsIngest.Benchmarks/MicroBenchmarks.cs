using System.Globalization;
using BenchmarkDotNet.Attributes;
using StatsIngest.Parsing;

namespace StatsIngest.Benchmarks;

/// <summary>Reading a value and a period as published, against a bare double parse of the same text.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private readonly string[] _values = ["1,210,207.5", "下降2.1%", "3.4", "增长1.37倍", "…", "672.7"];
    private readonly string[] _numbers = ["1210207.5", "-2.1", "3.4", "137", "0", "672.7"];
    private readonly string[] _periods = ["2023-03", "2023年1—3月", "2022-Q3", "上半年", "2021年", "1—6月份"];
    private ValueParser _parser = null!;

    [GlobalSetup]
    public void Setup() => _parser = Harness.Services().Context("values.csv").Lexicon.Words.Values;

    [Benchmark(Baseline = true)]
    public double BareDoubleParse()
    {
        var sum = 0.0;
        foreach (var n in _numbers)
        {
            sum += double.Parse(n, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark]
    public double ValueParser()
    {
        var sum = 0.0;
        foreach (var v in _values)
        {
            sum += _parser.Parse(v).Number ?? 0;
        }

        return sum;
    }

    [Benchmark]
    public int PeriodParser()
    {
        var months = 0;
        foreach (var p in _periods)
        {
            months += Parsing.PeriodParser.TryParse(p, out var parsed) ? parsed.EndMonth : 0;
        }

        return months;
    }
}

/// <summary>One canonical CSV of 10,000 rows read and normalized by StatsIngest, against a bare CsvHelper parse of it.</summary>
[MemoryDiagnoser]
public class NormalizeBenchmarks
{
    private string _path = string.Empty;
    private StatsIngest.Normalize.Normalizer _normalizer = null!;
    private StatsIngest.Normalize.NormalizeContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "statsingest-bench-10k.csv");
        Panel.WriteCsv(_path, Panel.Rows(10_000));
        var services = Harness.Services();
        _normalizer = services.Normalizer;
        _context = services.Context("statsingest-bench-10k.csv");
    }

    [Benchmark(Baseline = true)]
    public long BareCsvHelper() => Baselines.BareCsv(_path);

    [Benchmark]
    public int ReadAndNormalize() =>
        _normalizer.Normalize(StatsIngest.Read.GridReader.Read(_path), _context).Observations.Count;
}

/// <summary>
/// Reading every cell of a 20,000-row .xlsx as StatsIngest does (the package inspected within the limits, the sheet
/// read in one pass by its own cell reader), and as it did with ExcelDataReader (the inspection's pass, then
/// ExcelDataReader's two), against ExcelDataReader reading it alone.
/// </summary>
[MemoryDiagnoser]
public class XlsxReadBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "statsingest-bench-20k.xlsx");
        Baselines.WriteXlsx(_path, Panel.Rows(20_000));
    }

    [Benchmark(Baseline = true)]
    public long BareExcelDataReader() => Baselines.BareXlsx(_path);

    [Benchmark]
    public long OnePass() => Cells(excelDataReader: false);

    [Benchmark]
    public long InspectedExcelDataReader() => Cells(excelDataReader: true);

    private long Cells(bool excelDataReader)
    {
        using var source = StatsIngest.Read.ExcelGridReader.Open(_path, excelDataReader: excelDataReader);
        long cells = 0;
        foreach (var sheet in source.Sheets())
        {
            cells += sheet.Head.Concat(sheet.Rest()).Sum(row => row.Count);
        }

        return cells;
    }
}
