using System.IO.Compression;
using System.Text;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>
/// A workbook saved by Excel as "Strict Open XML Spreadsheet" (ISO/IEC 29500 strict: other namespaces, the same
/// structure) is read as its transitional twin is — ExcelDataReader alone sees no sheet in it and reads it as empty.
/// </summary>
public class StrictWorkbookTests
{
    /// <summary>The strict namespaces (ISO/IEC 29500-1 §A) of the transitional ones a workbook of tables uses, as Excel writes them.</summary>
    private static readonly (string Transitional, string Strict)[] Namespaces =
    [
        ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"),
        ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
    ];

    [Theory]
    [InlineData("layouts/nbs_monthly_2023-12.xlsx")]
    [InlineData("layouts/yearbook_gdp_2019-2022.xlsx")]
    public void A_strict_workbook_gives_the_observations_of_its_transitional_twin_at_the_same_cells(string fixture)
    {
        using var tmp = new TempFolder();
        var transitional = tmp.File("transitional.xlsx");
        File.Copy(Fixtures.Path(fixture), transitional);
        var strict = tmp.File("strict.xlsx");
        SaveAsStrict(transitional, strict);

        var (expectedCode, expected) = ReadWarningTests.Validate(transitional);
        var (code, output) = ReadWarningTests.Validate(strict);

        Assert.Equal(StatsIngestCli.Ok, expectedCode);
        Assert.Equal(expectedCode, code);
        Assert.Equal(ReadWarningTests.Observations(expected), ReadWarningTests.Observations(output));
        Assert.NotEmpty(ReadWarningTests.Observations(output));
        Assert.Contains("Strict Open XML", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "statsingest-strict-*"));
    }

    [Fact]
    public void A_strict_workbook_is_ingested_and_its_copy_is_not_left_behind()
    {
        using var tmp = new TempFolder();
        var strict = tmp.File("月报_strict.xlsx");
        SaveAsStrict(Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"), strict);

        var run = CliRun.Run(["ingest", strict, "--data", tmp.File("data")]);

        Assert.True(run.Code == StatsIngestCli.Ok, run.Out + run.Err);
        Assert.Contains("月报_strict.xlsx", run.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(tmp.File("data/quarantine")));
    }

    [Fact]
    public void A_strict_workbook_that_decompresses_past_the_limit_is_refused_and_leaves_no_copy()
    {
        using var tmp = new TempFolder();
        var strict = tmp.File("bomb_strict.xlsx");
        SaveAsStrict(Fixtures.Path("layouts/nbs_monthly_2023-12.xlsx"), strict);
        using (var zip = ZipFile.Open(strict, ZipArchiveMode.Update))
        {
            using var media = zip.CreateEntry("xl/media/padding.bin").Open();
            media.Write(new byte[3 * 1024 * 1024]); // 3 MB of zeros: a few KB in the package
        }

        var output = new StringWriter();
        var code = StatsIngestCli.Run(["validate", strict, "--Limits:MaxXmlPartMegabytes=1"], output, new StringWriter());

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains("decompresses to more than 1 MB in all (Limits:MaxXmlPartMegabytes)", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "statsingest-strict-*"));
    }

    [Fact]
    public void Namespaces_cut_between_two_reads_are_replaced_and_nothing_else_changes()
    {
        // 3,000 namespaces in 200 KB read a few bytes at a time: every one cut somewhere, some at the buffer's end.
        var random = new Random(5);
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append(new string('x', random.Next(0, 40))).Append(Namespaces[i % Namespaces.Length].Strict).Append(i % 7 == 0 ? "/worksheet\"" : "\"");
            text.Append(i % 11 == 0 ? "http://purl.oclc.org/ooxml/unknown" : "http://purl.oclc.org/oox");
        }

        var input = Encoding.UTF8.GetBytes(text.ToString());
        using var output = new MemoryStream();
        StatsIngest.Read.StrictPackage.CopyReplacing(new Trickle(input, random), output);

        var expected = Namespaces.Aggregate(text.ToString(), (t, n) => t.Replace(n.Strict, n.Transitional, StringComparison.Ordinal));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>A stream that gives its bytes a few at a time (1 to 97), as a slow network share might.</summary>
    private sealed class Trickle(byte[] bytes, Random random) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 98)));
    }

    /// <summary>What Excel's "Strict Open XML Spreadsheet" does to a package: the namespaces and relationship types of its parts.</summary>
    private static void SaveAsStrict(string from, string to)
    {
        using var source = ZipFile.OpenRead(from);
        using var target = ZipFile.Open(to, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var output = target.CreateEntry(entry.FullName).Open();
            if (!entry.FullName.EndsWith(".xml", StringComparison.Ordinal) && !entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
            {
                input.CopyTo(output);
                continue;
            }

            var text = new StreamReader(input, Encoding.UTF8).ReadToEnd();
            var bytes = new UTF8Encoding(false).GetBytes(Namespaces.Aggregate(text, (t, n) => t.Replace(n.Transitional, n.Strict, StringComparison.Ordinal)));
            output.Write(bytes);
        }
    }
}
