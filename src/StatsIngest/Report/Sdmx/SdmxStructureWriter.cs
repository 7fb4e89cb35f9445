using System.Globalization;
using System.Text;
using System.Xml;

namespace StatsIngest.Report.Sdmx;

/// <summary>
/// Writes the SDMX-ML 2.1 structure message: the dataflow, the code lists, the concept scheme and the data structure
/// definition (dimensions FREQ … MEASURE and TIME_PERIOD; OBS_VALUE; the attributes OBS_STATUS, UNIT_MEASURE, VINTAGE and
/// VINTAGE_TIME at the observation). Elements in the order the 2.1 schema sets; every artefact with its URN.
/// </summary>
public static class SdmxStructureWriter
{
    public const string MessageNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    public const string StructureNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    public const string CommonNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";

    public static void Write(Stream output, SdmxDefinitions d, SdmxCodes codes, DateTimeOffset prepared)
    {
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        w.WriteStartElement("mes", "Structure", MessageNs);
        w.WriteAttributeString("xmlns", "str", null, StructureNs);
        w.WriteAttributeString("xmlns", "com", null, CommonNs);
        WriteHeader(w, MessageNs, $"{d.Agency}_STRUCTURE", d.Agency, prepared);
        w.WriteStartElement("Structures", MessageNs);

        w.WriteStartElement("Dataflows", StructureNs);
        StartMaintainable(w, "Dataflow", d.Dataflow, d, "datastructure.Dataflow");
        w.WriteStartElement("Structure", StructureNs);
        Ref(w, d.DataStructure.Id, d, "datastructure", "DataStructure");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        Schemes(w, d, "Codelists", ("codelist", "Codelist", "Code"),
            codes.Lists.Values.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => (new SdmxItem(l.Id, l.Name), l.Codes)));
        Schemes(w, d, "Concepts", ("conceptscheme", "ConceptScheme", "Concept"), [(d.ConceptScheme, d.Concepts)]);

        w.WriteStartElement("DataStructures", StructureNs);
        StartMaintainable(w, "DataStructure", d.DataStructure, d, "datastructure.DataStructure");
        WriteComponents(w, d, codes);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteEndElement(); // Structures
        w.WriteEndElement(); // Structure
    }

    /// <summary>The message header shared by the structure and the data messages.</summary>
    internal static void WriteHeader(XmlWriter w, string ns, string id, string sender, DateTimeOffset prepared, Action? more = null)
    {
        w.WriteStartElement("Header", ns);
        w.WriteElementString("ID", ns, id);
        w.WriteElementString("Test", ns, "false");
        w.WriteElementString("Prepared", ns, prepared.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteStartElement("Sender", ns);
        w.WriteAttributeString("id", sender);
        w.WriteEndElement();
        more?.Invoke();
        w.WriteEndElement();
    }

    private static void WriteComponents(XmlWriter w, SdmxDefinitions d, SdmxCodes codes)
    {
        var dsd = $"{d.Agency}:{d.DataStructure.Id}({d.Version})";
        w.WriteStartElement("DataStructureComponents", StructureNs);
        StartList(w, "DimensionList", "DimensionDescriptor", dsd);
        for (var i = 0; i < SdmxCodes.Dimensions.Length; i++)
        {
            var id = SdmxCodes.Dimensions[i];
            StartComponent(w, "Dimension", id, $"urn:sdmx:org.sdmx.infomodel.datastructure.Dimension={dsd}.{id}");
            w.WriteAttributeString("position", (i + 1).ToString(CultureInfo.InvariantCulture));
            Concept(w, id, d);
            Enumerated(w, codes.Lists[id].Id, d);
            w.WriteEndElement();
        }

        StartComponent(w, "TimeDimension", "TIME_PERIOD", $"urn:sdmx:org.sdmx.infomodel.datastructure.TimeDimension={dsd}.TIME_PERIOD");
        w.WriteAttributeString("position", (SdmxCodes.Dimensions.Length + 1).ToString(CultureInfo.InvariantCulture));
        Concept(w, "TIME_PERIOD", d);
        TextFormat(w, "ObservationalTimePeriod");
        w.WriteEndElement();
        w.WriteEndElement();

        StartList(w, "AttributeList", "AttributeDescriptor", dsd);
        foreach (var (id, textType, mandatory) in SdmxCodes.Attributes)
        {
            Attribute(w, id, mandatory, d, dsd, () =>
            {
                if (textType is null)
                {
                    Enumerated(w, codes.Lists[id].Id, d);
                }
                else
                {
                    TextFormat(w, textType);
                }
            });
        }

        w.WriteEndElement();

        StartList(w, "MeasureList", "MeasureDescriptor", dsd);
        StartComponent(w, "PrimaryMeasure", "OBS_VALUE", $"urn:sdmx:org.sdmx.infomodel.datastructure.PrimaryMeasure={dsd}.OBS_VALUE");
        Concept(w, "OBS_VALUE", d);
        TextFormat(w, "Double");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Attribute(XmlWriter w, string id, bool mandatory, SdmxDefinitions d, string dsd, Action representation)
    {
        StartComponent(w, "Attribute", id, $"urn:sdmx:org.sdmx.infomodel.datastructure.DataAttribute={dsd}.{id}");
        w.WriteAttributeString("assignmentStatus", mandatory ? "Mandatory" : "Conditional");
        Concept(w, id, d);
        representation();
        w.WriteStartElement("AttributeRelationship", StructureNs);
        w.WriteStartElement("PrimaryMeasure", StructureNs);
        w.WriteStartElement("Ref");
        w.WriteAttributeString("id", "OBS_VALUE");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void StartMaintainable(XmlWriter w, string element, SdmxItem item, SdmxDefinitions d, string urnClass)
    {
        w.WriteStartElement(element, StructureNs);
        w.WriteAttributeString("id", item.Id);
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.{urnClass}={d.Agency}:{item.Id}({d.Version})");
        w.WriteAttributeString("agencyID", d.Agency);
        w.WriteAttributeString("version", d.Version);
        w.WriteAttributeString("isFinal", "false");
        Names(w, item.Name);
    }

    /// <summary>Item schemes (code lists, the concept scheme) in their container, each item with its URN.</summary>
    private static void Schemes(XmlWriter w, SdmxDefinitions d, string container, (string Package, string Scheme, string Item) kind, IEnumerable<(SdmxItem Scheme, IReadOnlyList<SdmxItem> Items)> schemes)
    {
        w.WriteStartElement(container, StructureNs);
        foreach (var (scheme, items) in schemes)
        {
            StartMaintainable(w, kind.Scheme, scheme, d, $"{kind.Package}.{kind.Scheme}");
            foreach (var item in items)
            {
                Item(w, kind.Item, item, $"urn:sdmx:org.sdmx.infomodel.{kind.Package}.{kind.Item}={d.Agency}:{scheme.Id}({d.Version}).{item.Id}");
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Item(XmlWriter w, string element, SdmxItem item, string urn)
    {
        w.WriteStartElement(element, StructureNs);
        w.WriteAttributeString("id", item.Id);
        w.WriteAttributeString("urn", urn);
        Names(w, item.Name);
        w.WriteEndElement();
    }

    private static void Names(XmlWriter w, SdmxName name)
    {
        foreach (var (lang, text) in new[] { ("zh", name.Zh), ("en", name.En) })
        {
            if (!string.IsNullOrEmpty(text))
            {
                w.WriteStartElement("Name", CommonNs);
                w.WriteAttributeString("xml", "lang", null, lang);
                w.WriteString(text);
                w.WriteEndElement();
            }
        }
    }

    private static void StartList(XmlWriter w, string element, string id, string dsd)
    {
        w.WriteStartElement(element, StructureNs);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.datastructure.{id}={dsd}.{id}");
    }

    private static void StartComponent(XmlWriter w, string element, string id, string urn)
    {
        w.WriteStartElement(element, StructureNs);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("urn", urn);
    }

    private static void Concept(XmlWriter w, string id, SdmxDefinitions d)
    {
        _ = d.ConceptName(id); // every component's concept is defined
        w.WriteStartElement("ConceptIdentity", StructureNs);
        w.WriteStartElement("Ref");
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("maintainableParentID", d.ConceptScheme.Id);
        w.WriteAttributeString("maintainableParentVersion", d.Version);
        w.WriteAttributeString("agencyID", d.Agency);
        w.WriteAttributeString("package", "conceptscheme");
        w.WriteAttributeString("class", "Concept");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Enumerated(XmlWriter w, string codelist, SdmxDefinitions d)
    {
        w.WriteStartElement("LocalRepresentation", StructureNs);
        w.WriteStartElement("Enumeration", StructureNs);
        Ref(w, codelist, d, "codelist", "Codelist");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void TextFormat(XmlWriter w, string textType)
    {
        w.WriteStartElement("LocalRepresentation", StructureNs);
        w.WriteStartElement("TextFormat", StructureNs);
        w.WriteAttributeString("textType", textType);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Ref(XmlWriter w, string id, SdmxDefinitions d, string package, string cls)
    {
        w.WriteStartElement("Ref");
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("version", d.Version);
        w.WriteAttributeString("agencyID", d.Agency);
        w.WriteAttributeString("package", package);
        w.WriteAttributeString("class", cls);
        w.WriteEndElement();
    }
}
