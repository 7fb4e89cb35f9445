using System.Globalization;
using System.Text;
using System.Xml;
using CsvHelper;
using StatsIngest.Domain;

namespace StatsIngest.Report.Sdmx;

/// <summary>
/// Writes observations as SDMX-ML 2.1 structure-specific data (one <c>Series</c> per series key, its observations by
/// period) and as SDMX-CSV (one row per observation, the dataflow in the first column). A missing value is NaN in the
/// XML and an empty field in the CSV, with the status M. Both carry the status, unit and vintage of each value.
/// </summary>
public static class SdmxDataWriter
{
    public const string StructureSpecificNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
    private const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The observations grouped by series key (in key order), each series by period.</summary>
    public static IReadOnlyList<(string[] Key, Observation[] Observations)> Series(SdmxCodes codes, IEnumerable<Observation> observations) =>
        observations.GroupBy(o => string.Join('.', codes.KeyOf(o)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (codes.KeyOf(g.First()), g.OrderBy(o => o.Period).ToArray()))
            .ToArray();

    public static void WriteStructureSpecific(Stream output, SdmxDefinitions d, SdmxCodes codes, IReadOnlyList<(string[] Key, Observation[] Observations)> series, DateTimeOffset prepared)
    {
        var structureId = $"{d.Agency}_{d.DataStructure.Id}_{d.Version.Replace('.', '_')}";
        var structureNs = $"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={d.Agency}:{d.DataStructure.Id}({d.Version}):ObsLevelDim:TIME_PERIOD";
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        var mes = SdmxStructureWriter.MessageNs;
        w.WriteStartElement("message", "StructureSpecificData", mes);
        w.WriteAttributeString("xmlns", "common", null, SdmxStructureWriter.CommonNs);
        w.WriteAttributeString("xmlns", "ss", null, StructureSpecificNs);
        w.WriteAttributeString("xmlns", "ns1", null, structureNs);
        w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
        SdmxStructureWriter.WriteHeader(w, mes, $"{d.Agency}_DATA", d.Agency, prepared, () =>
        {
            w.WriteStartElement("Structure", mes);
            w.WriteAttributeString("structureID", structureId);
            w.WriteAttributeString("namespace", structureNs);
            w.WriteAttributeString("dimensionAtObservation", "TIME_PERIOD");
            w.WriteStartElement("Structure", SdmxStructureWriter.CommonNs);
            w.WriteStartElement("Ref");
            w.WriteAttributeString("agencyID", d.Agency);
            w.WriteAttributeString("id", d.DataStructure.Id);
            w.WriteAttributeString("version", d.Version);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

        w.WriteStartElement("DataSet", mes);
        w.WriteAttributeString("ss", "structureRef", StructureSpecificNs, structureId);
        w.WriteAttributeString("xsi", "type", XsiNs, "ns1:DataSetType");
        w.WriteAttributeString("ss", "dataScope", StructureSpecificNs, "DataStructure");
        w.WriteAttributeString("action", "Information");
        foreach (var (key, observations) in series)
        {
            w.WriteStartElement("Series");
            for (var i = 0; i < key.Length; i++)
            {
                w.WriteAttributeString(SdmxCodes.Dimensions[i], key[i]);
            }

            foreach (var o in observations)
            {
                w.WriteStartElement("Obs");
                foreach (var (name, value) in ObservationFields(codes, o, "NaN"))
                {
                    if (value.Length > 0)
                    {
                        w.WriteAttributeString(name, value);
                    }
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>SDMX-CSV (the 2.1 flavour): UTF-8 without a byte-order mark, ids not labels.</summary>
    public static void WriteCsv(Stream output, SdmxDefinitions d, SdmxCodes codes, IReadOnlyList<(string[] Key, Observation[] Observations)> series)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions());
        csv.WriteHeader(["DATAFLOW", .. SdmxCodes.Dimensions, .. ObservationFields(codes, null, string.Empty).Select(f => f.Name)]);
        var dataflow = $"{d.Agency}:{d.Dataflow.Id}({d.Version})";
        foreach (var (key, observations) in series)
        {
            foreach (var o in observations)
            {
                csv.WriteField(dataflow);
                foreach (var k in key)
                {
                    csv.WriteField(k);
                }

                foreach (var (_, value) in ObservationFields(codes, o, string.Empty))
                {
                    csv.WriteField(value);
                }

                csv.EndRecord();
            }
        }
    }

    /// <summary>TIME_PERIOD, OBS_VALUE and the observation's <see cref="SdmxCodes.Attributes"/> (names only when <paramref name="o"/> is null).</summary>
    private static IEnumerable<(string Name, string Value)> ObservationFields(SdmxCodes codes, Observation? o, string missing)
    {
        yield return ("TIME_PERIOD", o?.Period.Code ?? string.Empty);
        yield return ("OBS_VALUE", o?.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : missing);
        foreach (var (id, _, _) in SdmxCodes.Attributes)
        {
            yield return (id, o is null ? string.Empty : id switch
            {
                "OBS_STATUS" => codes.Status(o),
                "UNIT_MEASURE" => o.Unit,
                "VINTAGE" => o.VintageId.ToString(CultureInfo.InvariantCulture),
                "VINTAGE_TIME" => o.VintageTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"No value for the SDMX attribute {id}."),
            });
        }
    }
}
