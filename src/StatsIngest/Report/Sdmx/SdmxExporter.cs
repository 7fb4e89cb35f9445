using StatsIngest.Normalize.Lexicon;
using StatsIngest.Store;

namespace StatsIngest.Report.Sdmx;

/// <summary>
/// <c>statsingest export --sdmx DIR</c>: the store's observations (latest vintages, or those known at a date) as
/// <c>structure.xml</c> (SDMX-ML 2.1 structure message), <c>data.xml</c> (SDMX-ML 2.1 structure-specific data) and
/// <c>data.csv</c> (SDMX-CSV), each written to a temporary file and renamed.
/// </summary>
public sealed class SdmxExporter(ObservationStore store, CodeLists codes, SdmxDefinitions definitions, TimeProvider clock)
{
    public const string StructureFile = "structure.xml";
    public const string DataFile = "data.xml";
    public const string CsvFile = "data.csv";

    /// <returns>The files written, the number of series and of observations.</returns>
    public (IReadOnlyList<string> Files, int Series, int Observations) Write(string directory, DateTimeOffset? asOf = null)
    {
        Directory.CreateDirectory(directory);
        var observations = store.LatestObservations(asOf);
        var sdmxCodes = SdmxCodes.Build(definitions, codes, observations);
        var series = SdmxDataWriter.Series(sdmxCodes, observations);
        var prepared = clock.GetUtcNow();
        var files = new[] { StructureFile, DataFile, CsvFile }.Select(f => Path.Combine(directory, f)).ToArray();
        AtomicFile.Write(files[0], temp => Create(temp, s => SdmxStructureWriter.Write(s, definitions, sdmxCodes, prepared)), clock);
        AtomicFile.Write(files[1], temp => Create(temp, s => SdmxDataWriter.WriteStructureSpecific(s, definitions, sdmxCodes, series, prepared)), clock);
        AtomicFile.Write(files[2], temp => Create(temp, s => SdmxDataWriter.WriteCsv(s, definitions, sdmxCodes, series)), clock);
        return (files, series.Count, observations.Count);
    }

    private static void Create(string path, Action<Stream> write)
    {
        using var stream = File.Create(path);
        write(stream);
    }
}
