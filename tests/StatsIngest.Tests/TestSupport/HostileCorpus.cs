using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// A generated corpus of hostile files (zip bombs, entity expansion, references off the grid, huge cells, truncated and
/// bit-flipped workbooks, random bytes, odd encodings, formula text, impossible numbers and periods, odd names) mixed
/// with good ones, written to a folder; each file with its kind. Deterministic for a seed.
/// </summary>
public sealed class HostileCorpus
{
    public const string Secret = "SECRET-OUTSIDE-THE-DATA-FOLDER-7f3a";

    private static readonly string[] GoodFixtures =
    [
        "layouts/nbs_monthly_2023-12.xlsx", "layouts/province_industry_2022-06.xlsx", "layouts/gdp_annual_2021_final.xlsx",
        "layouts/portal_monthly_2023_gb18030.csv", "layouts/yearbook_gdp_2019-2022_legacy.xls", "layouts/zhongshan_2022-02.xlsx",
        "layouts/city_regions_2022-06.xlsx", "layouts/gdp_quarterly_2022.xlsx", "canonical_legacy.xls", "canonical_utf8_bom_semicolon.csv",
    ];

    private readonly Random _random;
    private readonly string _folder;

    private HostileCorpus(string folder, int seed)
    {
        _folder = folder;
        _random = new Random(seed);
    }

    /// <summary>The files written: name → kind ("good" for a file that must be ingested).</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Entries that are not files (FIFOs, links, a folder) to be placed into the inbox itself: name → how to make it.</summary>
    public Dictionary<string, string> Specials { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A web page of 3,000 rows, each a cell spanning the rows below: 6,000 cells on a diagonal of 3,000 × 3,000 positions,
    /// looked through for half a minute before a rule refused so few cells scattered so wide at once.
    /// </summary>
    public static string HugeSpansPage { get; } =
        "<table>" + string.Concat(Enumerable.Repeat("""<tr><td colspan="99999" rowspan="99999">期间</td><td rowspan="0">1</td></tr>""", 3_000)) + "</table>";

    public static HostileCorpus Write(string folder, string secretPath, int seed = 11)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(secretPath, "期间,数值\n" + Secret + ",1\n");
        var corpus = new HostileCorpus(folder, seed);
        corpus.Bombs();
        corpus.OffTheGrid();
        corpus.HugeCells();
        corpus.Damaged();
        corpus.RandomBytes();
        corpus.OddCsvs();
        corpus.OddWorkbooks();
        corpus.Good();
        corpus.Specials["管道.csv"] = "fifo";
        corpus.Specials["另一个管道.xlsx"] = "fifo";
        corpus.Specials["shadow.csv"] = "link:" + secretPath;
        corpus.Specials["零.csv"] = "link:/dev/zero";
        corpus.Specials["文件夹.xlsx"] = "folder";
        return corpus;
    }

    private void Add(string name, string kind, byte[] content)
    {
        File.WriteAllBytes(Path.Combine(_folder, name), content);
        Files[name] = kind;
    }

    private void AddXlsx(string name, string kind, Action<string> write)
    {
        write(Path.Combine(_folder, name));
        Files[name] = kind;
    }

    private void Bombs()
    {
        for (var i = 0; i < 4; i++)
        {
            AddXlsx($"bomb_{i}.xlsx", "zip bomb", p => HostileFiles.ZipBomb(p, 30 + i));
        }

        AddXlsx("laughs_0.xlsx", "entity expansion", p => HostileFiles.Xlsx(p, string.Empty, wholeSheet: HostileFiles.BillionLaughs));
        AddXlsx("laughs_1.xlsx", "entity expansion", p => HostileFiles.Xlsx(p, string.Empty, sharedStrings: HostileFiles.BillionLaughs));
        AddXlsx("external_entity_0.xlsx", "external entity", p => HostileFiles.Xlsx(p, string.Empty, wholeSheet: HostileFiles.ExternalEntity.Replace("/etc/hostname", "/etc/passwd", StringComparison.Ordinal)));
        AddXlsx("external_entity_1.xlsx", "external entity", p => HostileFiles.Xlsx(p, string.Empty, sharedStrings: HostileFiles.ExternalEntity));
    }

    private void OffTheGrid()
    {
        AddXlsx("ref_columns.xlsx", "reference off the grid", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable() + """<row r="5"><c r="AAAAAAAAAAAA5"><v>1</v></c></row>"""));
        AddXlsx("ref_row.xlsx", "reference off the grid", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable() + """<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>"""));
        AddXlsx("ref_negative.xlsx", "reference off the grid", p => HostileFiles.Xlsx(p, """<row r="-1"><c r="A-1"><v>1</v></c></row>"""));
        AddXlsx("ref_garbage.xlsx", "reference off the grid", p => HostileFiles.Xlsx(p, """<row r="1"><c r="1A"><v>1</v></c></row>"""));
    }

    private void HugeCells()
    {
        var huge = new string('统', 40_000);
        AddXlsx("huge_cell_0.xlsx", "huge cell", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable() + $"""<row r="5">{HostileFiles.Text("A5", huge)}</row>"""));
        AddXlsx("huge_cell_1.xlsx", "huge cell", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable(),
            sharedStrings: $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{huge}</t></si></sst>"""));
        Add("huge_cell_2.csv", "huge cell", Encoding.UTF8.GetBytes("period,region,indicator,measure,value\n2021," + huge + ",GDP,level,1\n"));
        Add("huge_label_10mb.csv", "huge file", Encoding.UTF8.GetBytes("period,region,indicator,measure,value\n2021,\"" + new string('x', 6 * 1024 * 1024) + "\",GDP,level,1\n"));
        Add("many_columns.csv", "huge row", Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 20_000).Select(i => "c" + i)) + "\n"));
        Add("long_line.csv", "huge row", Encoding.UTF8.GetBytes(new string(',', 2_000_000) + "\n"));
    }

    private void Damaged()
    {
        var workbooks = GoodFixtures.Where(f => f.EndsWith(".xlsx", StringComparison.Ordinal)).ToArray();
        var legacy = GoodFixtures.Where(f => f.EndsWith(".xls", StringComparison.Ordinal)).ToArray();
        for (var i = 0; i < 30; i++)
        {
            var bytes = File.ReadAllBytes(Fixtures.Path(workbooks[i % workbooks.Length]));
            Add($"truncated_{i:00}.xlsx", "truncated workbook", bytes[.._random.Next(1, bytes.Length - 1)]);
        }

        for (var i = 0; i < 30; i++)
        {
            var bytes = File.ReadAllBytes(Fixtures.Path(workbooks[i % workbooks.Length]));
            for (var flips = 0; flips < 1 + (i % 8); flips++)
            {
                bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
            }

            Add($"flipped_{i:00}.xlsx", "bit-flipped workbook", bytes);
        }

        for (var i = 0; i < 16; i++)
        {
            var bytes = File.ReadAllBytes(Fixtures.Path(legacy[i % legacy.Length]));
            if (i % 2 == 0)
            {
                Add($"truncated_{i:00}.xls", "truncated legacy workbook", bytes[.._random.Next(1, bytes.Length - 1)]);
            }
            else
            {
                for (var flips = 0; flips < 1 + i; flips++)
                {
                    bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                }

                Add($"flipped_{i:00}.xls", "bit-flipped legacy workbook", bytes);
            }
        }
    }

    private void RandomBytes()
    {
        string[] extensions = [".csv", ".xlsx", ".xls", ".txt", ".CSV", ".xlsm", ".pdf", string.Empty];
        byte[][] heads = [[], "PK\u0003\u0004"u8.ToArray(), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE]];
        for (var i = 0; i < 40; i++)
        {
            var body = new byte[_random.Next(0, 64 * 1024)];
            _random.NextBytes(body);
            Add($"random_{i:00}{extensions[i % extensions.Length]}", "random bytes", [.. heads[i % heads.Length], .. body]);
        }
    }

    private void OddCsvs()
    {
        const string header = "period,region,indicator,industry,basis,measure,value,unit,status\n";
        var odd = new (string Name, string Kind, byte[] Content)[]
        {
            ("empty.csv", "empty", []),
            ("bom_only.csv", "empty", [0xEF, 0xBB, 0xBF]),
            ("header_only.csv", "header only", Encoding.UTF8.GetBytes(header)),
            ("commas_only.csv", "no table", Encoding.UTF8.GetBytes(",,,,\n,,,,\n,,,,\n")),
            ("unbalanced_quote.csv", "broken quoting", Encoding.UTF8.GetBytes(header + "2021,\"全国,GDP,,year,level,1,亿元,final\n")),
            ("nul_bytes.csv", "binary", Encoding.UTF8.GetBytes(header + "2021,全国\0,GDP,,year,level,1,亿元,final\n")),
            ("cr_only.csv", "odd line ends", Encoding.UTF8.GetBytes(header.Replace('\n', '\r') + "2021,全国,GDP,,year,level,1143670,亿元,final\r")),
            ("utf16_no_bom.csv", "odd encoding", Encoding.Unicode.GetBytes(header + "2021,全国,GDP,,year,level,1,亿元,final\n")),
            ("utf32.csv", "odd encoding", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(header + "2021,全国,GDP,,year,level,1,亿元,final\n")]),
            ("latin1.csv", "odd encoding", Encoding.Latin1.GetBytes(header + "2021,Zürich,GDP,,year,level,1,,final\n")),
            ("shift_jis.csv", "odd encoding", ShiftJis(header + "2021,東京都,GDP,,year,level,1,,final\n")),
            ("nan.csv", "impossible number", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,NaN,亿元,final\n")),
            ("infinity.csv", "impossible number", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,Infinity,亿元,final\n")),
            ("overflow.csv", "impossible number", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,1e309,亿元,final\n")),
            ("tiny.csv", "odd number", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,1e-400,亿元,final\n")),
            ("month_13.csv", "impossible period", Encoding.UTF8.GetBytes(header + "2023-13,全国,GDP,,month,level,1,亿元,final\n")),
            ("month_00.csv", "impossible period", Encoding.UTF8.GetBytes(header + "2023-00,全国,GDP,,month,level,1,亿元,final\n")),
            ("year_0000.csv", "impossible period", Encoding.UTF8.GetBytes(header + "0000,全国,GDP,,year,level,1,亿元,final\n")),
            ("year_1900.csv", "impossible period", Encoding.UTF8.GetBytes(header + "1900,全国,GDP,,year,level,1,亿元,final\n")),
            ("year_2200.csv", "impossible period", Encoding.UTF8.GetBytes(header + "2200,全国,GDP,,year,level,1,亿元,final\n")),
            ("formula_label.csv", "formula text", Encoding.UTF8.GetBytes(header + "2021,\"=cmd|' /C calc'!A0\",GDP,,year,level,1,亿元,final\n")),
            ("formula_value.csv", "formula text", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,=1+1,亿元,final\n")),
            ("formula_unit.csv", "formula text", Encoding.UTF8.GetBytes(header + "2021,全国,GDP,,year,level,1,@SUM(A1),final\n")),
            ("formula_region.csv", "formula text", Encoding.UTF8.GetBytes(header + "2021,+HYPERLINK(\"http://x\"),GDP,,year,level,1,亿元,final\n")),
            ("html.csv", "not a table", Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>")),
            ("json.csv", "not a table", Encoding.UTF8.GetBytes("{\"period\": 2021, \"value\": 1}")),
            ("duplicate_headers.csv", "repeated header", Encoding.UTF8.GetBytes("period,region,indicator,industry,basis,measure,value,unit,status,value\n2021,全国,GDP,,year,level,1,亿元,final,2\n")),
            ("control_chars.csv", "control characters", Encoding.UTF8.GetBytes(header + "2021,全\u0001国\u001b,GDP,,year,level,1,亿元,final\n")),
            ("semicolon_mixed.csv", "mixed separators", Encoding.UTF8.GetBytes("period;region,indicator\tvalue\n2021;全国,GDP\t1\n")),
            ("deep_quotes.csv", "broken quoting", Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Repeat("\"\"\"", 10_000)) + "\n")),
        };
        foreach (var (name, kind, content) in odd)
        {
            Add(name, kind, content);
        }
    }

    private void OddWorkbooks()
    {
        AddXlsx("error_cells.xlsx", "error values", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable().Replace(HostileFiles.Number("B3", 5.8), """<c r="B3" t="e"><v>#REF!</v></c>""", StringComparison.Ordinal)));
        AddXlsx("formula_text.xlsx", "formula text", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable().Replace("制造业", "=HYPERLINK(&quot;http://evil&quot;,&quot;制造业&quot;)", StringComparison.Ordinal)));
        AddXlsx("no_rows.xlsx", "empty workbook", p => HostileFiles.Xlsx(p, string.Empty));
        AddXlsx("bad_shared_index.xlsx", "dangling reference", p => HostileFiles.Xlsx(p, """<row r="1"><c r="A1" t="s"><v>999999</v></c></row>"""));
        AddXlsx("nan_value.xlsx", "impossible number", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable().Replace("<v>5.8</v>", "<v>NaN</v>", StringComparison.Ordinal)));
        AddXlsx("inf_value.xlsx", "impossible number", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable().Replace("<v>5.8</v>", "<v>1e309</v>", StringComparison.Ordinal)));
        AddXlsx("text_as_number.xlsx", "odd value", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable().Replace("<v>5.8</v>", "<v>abc</v>", StringComparison.Ordinal)));
        AddXlsx("not_xml.xlsx", "broken part", p => HostileFiles.Xlsx(p, string.Empty, wholeSheet: "this is not xml <<<"));
        AddXlsx("zip_slip.xlsx", "zip slip", p => WithExtraEntry(p, "../../../../tmp/statsingest-zip-slip.txt", "escaped"));
        AddXlsx("external_link.xlsx", "external link", p => WithExtraEntry(p, "xl/externalLinks/externalLink1.xml",
            """<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>"""));
        AddXlsx("many_entries.xlsx", "too many parts", p =>
        {
            HostileFiles.Xlsx(p, HostileFiles.ValidTable());
            using var zip = ZipFile.Open(p, ZipArchiveMode.Update);
            for (var i = 0; i < 10_500; i++)
            {
                zip.CreateEntry($"xl/media/x{i}.bin");
            }
        });
        AddXlsx("deep_nesting.xlsx", "deep XML", p => HostileFiles.Xlsx(p, string.Empty,
            wholeSheet: """<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""" + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)) + "</worksheet>"));
        Add("web_deep.xls", "deep HTML", Encoding.UTF8.GetBytes("<table><tr><td>" + string.Concat(Enumerable.Repeat("<div><b>", 150_000)) + "1</td></tr></table>"));
        Add("web_spans.xls", "huge spans", Encoding.UTF8.GetBytes(HugeSpansPage));
        Add("web_scripted.xls", "web page with scripts", Encoding.UTF8.GetBytes("""<html><head><script src="http://127.0.0.1:9/x.js"></script><link rel="stylesheet" href="file:///etc/passwd"></head><body onload="fetch('http://127.0.0.1:9/')"><table><tr><td>期间</td><td>指标</td><td>度量</td><td>数值</td></tr><tr><td>2021</td><td>GDP</td><td>level</td><td><img src="http://127.0.0.1:9/i.png">1</td></tr></table></body></html>"""));
        Add("xml2003_laughs.xls", "entity expansion", Encoding.UTF8.GetBytes("""<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&c;</Data></Cell></Row></Table></Worksheet></Workbook>"""));
        AddXlsx("xlsx_named_xls.xls", "wrong extension", p => File.Copy(Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"), p));
        AddXlsx("xls_named_xlsx.xlsx", "wrong extension", p => File.Copy(Fixtures.Path("canonical_legacy.xls"), p));
        AddXlsx("csv_named_xlsx.xlsx", "wrong extension", p => File.Copy(Fixtures.Sample(Fixtures.Preliminary), p));
        AddXlsx("xlsx_named_csv.csv", "wrong extension", p => File.Copy(Fixtures.Path("layouts/gdp_quarterly_2022.xlsx"), p));
        AddXlsx("many_sheets.xlsx", "many sheets", p => ManySheets(p, 300));
        AddXlsx("password_like.xlsx", "encrypted", p => File.WriteAllBytes(p, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4096]]));
        AddXlsx("shared_strings_bomb.xlsx", "too many strings", p => HostileFiles.Xlsx(p, HostileFiles.ValidTable(),
            sharedStrings: """<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""" + string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 110_000)) + "</sst>"));
        AddXlsx("cells_bomb.xlsx", "too many cells", p => HostileFiles.Xlsx(p, string.Concat(Enumerable.Range(1, 1_200).Select(r => $"""<row r="{r}">{string.Concat(Enumerable.Range(0, 100).Select(c => $"<c><v>{c}</v></c>"))}</row>"""))));
    }

    private void Good()
    {
        foreach (var fixture in GoodFixtures)
        {
            Add(Path.GetFileName(fixture), "good", File.ReadAllBytes(Fixtures.Path(fixture)));
        }

        var sample = File.ReadAllBytes(Fixtures.Sample(Fixtures.Monthly2023));
        string[] odd = ["月报 (最终版) 2023.csv", "-leading-dash.csv", "quote's \"double\".csv", "emoji 📊 数据.csv", "עברית مرحبا.csv", new string('长', 80) + ".csv"];
        foreach (var name in odd)
        {
            Add(name, name == odd[0] ? "good" : "good copy", sample);
        }
    }

    private static void WithExtraEntry(string path, string entryName, string content)
    {
        HostileFiles.Xlsx(path, HostileFiles.ValidTable());
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        using var s = new StreamWriter(zip.CreateEntry(entryName).Open());
        s.Write(content);
    }

    private static void ManySheets(string path, int count)
    {
        HostileFiles.Xlsx(path, HostileFiles.ValidTable());
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry("xl/workbook.xml")!.Delete();
        zip.GetEntry("xl/_rels/workbook.xml.rels")!.Delete();
        var sheets = string.Concat(Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"""<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>""")));
        var rels = string.Concat(Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""")));
        Entry(zip, "xl/workbook.xml", $"""<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""");
        Entry(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>""");
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var s = new StreamWriter(zip.CreateEntry(name).Open());
        s.Write(content);
    }

    private static byte[] ShiftJis(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("shift_jis").GetBytes(text);
    }
}
