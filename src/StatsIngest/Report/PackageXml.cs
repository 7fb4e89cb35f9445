using System.Text;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

namespace StatsIngest.Report;

/// <summary>
/// The parts of a saved workbook read and written as plain XML (<see cref="XDocument"/>, <see cref="XmlWriter"/>), not
/// through the Open XML SDK's typed elements: what is added after ClosedXML saved (charts, streamed rows) touches a few
/// elements of a part, and the typed elements' first use costs more than the work.
/// </summary>
internal static class PackageXml
{
    public static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        NewLineHandling = NewLineHandling.Entitize, // a text's line breaks stay as they are
        CloseOutput = false,
    };

    /// <summary>Each sheet's part by the sheet's name, as workbook.xml lists them.</summary>
    public static IReadOnlyDictionary<string, WorksheetPart> Worksheets(WorkbookPart workbook)
    {
        var sheets = Load(workbook).Root!.Element(Main + "sheets")?.Elements(Main + "sheet") ?? [];
        return sheets.ToDictionary(s => (string)s.Attribute("name")!, s => (WorksheetPart)workbook.GetPartById((string)s.Attribute(Relationships + "id")!), StringComparer.Ordinal);
    }

    public static XDocument Load(OpenXmlPart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        return XDocument.Load(stream);
    }

    public static void Save(OpenXmlPart part, XDocument document)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var w = XmlWriter.Create(stream, Settings);
        document.Save(w);
    }

    /// <summary>Writes a part's content with an <see cref="XmlWriter"/>.</summary>
    public static void Write(OpenXmlPart part, Action<XmlWriter> write)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var w = XmlWriter.Create(stream, Settings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }
}
