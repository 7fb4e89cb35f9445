using System.IO.Compression;
using System.Text;

namespace StatsIngest.Tests.TestSupport;

/// <summary>Files made to hurt a reader: workbooks with hostile parts, bombs, odd encodings, random bytes.</summary>
public static class HostileFiles
{
    /// <summary>A minimal .xlsx whose one sheet is <paramref name="sheetData"/> (the inside of &lt;sheetData&gt;), or a whole sheet XML.</summary>
    public static void Xlsx(string path, string sheetData, string? sharedStrings = null, string? wholeSheet = null, Encoding? sheetEncoding = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WorkbookParts(zip, sharedStrings);
        Part(zip, "xl/worksheets/sheet1.xml", wholeSheet ??
            $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetData}</sheetData></worksheet>""",
            sheetEncoding);
    }

    /// <summary>The parts of a workbook of one sheet (表1, xl/worksheets/sheet1.xml), but the sheet.</summary>
    private static void WorkbookParts(ZipArchive zip, string? sharedStrings)
    {
        Part(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
            """);
        Part(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(zip, "xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """);
        Part(zip, "xl/sharedStrings.xml", sharedStrings ?? """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>""");
    }

    /// <summary>An inline-string cell.</summary>
    public static string Text(string reference, string text) => $"""<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>""";

    public static string Number(string reference, double value) =>
        $"""<c r="{reference}"><v>{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>""";

    /// <summary>A valid little table (a title, a header, two rows) as sheet data, to hide hostile parts beside.</summary>
    public static string ValidTable() =>
        $"""<row r="1">{Text("A1", "2023年1-6月全省规模以上工业增加值增速")}</row><row r="2">{Text("A2", "项目")}{Text("B2", "1-6月同比增长(%)")}</row>""" +
        $"""<row r="3">{Text("A3", "合计")}{Number("B3", 5.8)}</row><row r="4">{Text("A4", "制造业")}{Number("B4", 6.4)}</row>""";

    /// <summary>A workbook whose sheet's XML repeats one row until it decompresses to <paramref name="megabytes"/> MB: a few kilobytes on disk.</summary>
    public static void ZipBomb(string path, int megabytes)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WorkbookParts(zip, sharedStrings: null);
        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
        using var s = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        s.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var row = """<row r="1"><c r="A1"><v>1</v></c></row>""";
        for (long written = 0; written < megabytes * 1024L * 1024; written += row.Length)
        {
            s.Write(row);
        }

        s.Write("</sheetData></worksheet>");
    }

    public const string BillionLaughs = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>
        """;

    public const string ExternalEntity = """
        <?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>
        """;

    private static void Part(ZipArchive zip, string name, string content, Encoding? encoding = null)
    {
        var entry = zip.CreateEntry(name);
        using var s = new StreamWriter(entry.Open(), encoding ?? new UTF8Encoding(false));
        s.Write(content);
    }
}
