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
/// Opening a 20,000-row .xlsx as StatsIngest does (the package inspected within the limits, then ExcelDataReader opened on
/// it), against ExcelDataReader opened alone: what the inspection adds before the first row is read.
/// </summary>
[MemoryDiagnoser]
public class XlsxOpenBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "statsingest-bench-20k.xlsx");
        Baselines.WriteXlsx(_path, Panel.Rows(20_000));
    }

    [Benchmark(Baseline = true)]
    public int BareExcelDataReaderOpen()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(_path);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(stream);
        return reader.FieldCount;
    }

    [Benchmark]
    public int InspectAndOpen()
    {
        using var source = StatsIngest.Read.ExcelGridReader.Open(_path);
        return source.FileName.Length;
    }
}
