using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

// Builds the layout fixtures (tests/StatsIngest.Tests/Fixtures/layouts/*.xlsx) from their readable sources
// (layouts/src/*.tsv): one "# sheet: NAME" line per sheet, "# merge: A1:E1 A3:A4 …" for merged ranges, then the rows,
// tab separated. A cell that reads as an invariant number is written as a number, unless it starts with ' (text).
// Leading spaces are kept (they mark indented 其中 rows); \n is a line break inside a cell (header text). Run by tools/make-fixtures.sh, which also makes the .xls
// and GB18030 .csv variants with LibreOffice and iconv.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FixtureBuilder <source.tsv> <output.xlsx>");
    return 2;
}

using var workbook = new XLWorkbook();
var pendingMerges = new List<(IXLWorksheet Sheet, string Range)>();
IXLWorksheet? sheet = null;
var row = 0;
foreach (var line in File.ReadLines(args[0]))
{
    if (line.StartsWith("# sheet:", StringComparison.Ordinal))
    {
        sheet = workbook.Worksheets.Add(line[8..].Trim());
        row = 0;
        continue;
    }

    if (line.StartsWith("# merge:", StringComparison.Ordinal))
    {
        pendingMerges.AddRange(line[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => (sheet!, r)));
        continue;
    }

    if (line.StartsWith("##", StringComparison.Ordinal))
    {
        continue; // a comment of the fixture's author
    }

    sheet ??= workbook.Worksheets.Add("Sheet1");
    row++;
    var cells = line.Split('\t');
    for (var i = 0; i < cells.Length; i++)
    {
        var text = cells[i].Replace("\\n", "\n", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            continue;
        }

        var cell = sheet.Cell(row, i + 1);
        if (text.StartsWith('\''))
        {
            cell.SetValue(text[1..]);
        }
        else if (Regex.IsMatch(text, @"^-?(0|[1-9]\d*)(\.\d+)?$") && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            cell.SetValue(number);
        }
        else
        {
            cell.SetValue(text);
        }
    }
}

// Merge after the cells are written, refusing a range that would hide text (a fixture author's slip).
foreach (var (mergeSheet, range) in pendingMerges)
{
    var hidden = mergeSheet.Range(range).Cells().Skip(1).FirstOrDefault(c => !c.IsEmpty());
    if (hidden is not null)
    {
        Console.Error.WriteLine($"{args[0]}: merging {range} would hide '{hidden.GetString()}' in {hidden.Address}.");
        return 1;
    }

    mergeSheet.Range(range).Merge();
}

workbook.SaveAs(args[1]);
return 0;
