using System.IO.Compression;
using System.Text;
using StatsIngest.Messages;

namespace StatsIngest.Read;

/// <summary>
/// A workbook saved as "Strict Open XML Spreadsheet" (ISO/IEC 29500 strict): the parts and their structure of any
/// .xlsx, under other namespaces. ExcelDataReader finds no sheet in one and reads it as empty (its issue #498), so such
/// a workbook is read through a transitional copy in the temporary folder: every XML part copied with the strict
/// namespaces (and the relationship types under them) replaced by their transitional twins, nothing else changed — the
/// sheets, cells and their references are those of the file. The copy is deleted when the file is closed.
/// </summary>
internal static class StrictPackage
{
    /// <summary>The strict namespaces (ISO/IEC 29500-1, Annex A) and their transitional twins: longer first, as one may begin another.</summary>
    private static readonly (byte[] Strict, byte[] Transitional)[] Namespaces = new (string Strict, string Transitional)[]
    {
        ("http://purl.oclc.org/ooxml/spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        ("http://purl.oclc.org/ooxml/officeDocument/sharedTypes", "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes"),
        ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/customProperties", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
        ("http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
        ("http://purl.oclc.org/ooxml/drawingml/chart", "http://schemas.openxmlformats.org/drawingml/2006/chart"),
        ("http://purl.oclc.org/ooxml/drawingml/main", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    }.Select(n => (Encoding.ASCII.GetBytes(n.Strict), Encoding.ASCII.GetBytes(n.Transitional))).OrderByDescending(n => n.Item1.Length).ToArray();

    private static readonly byte[] StrictPrefix = "http://purl.oclc.org/ooxml/"u8.ToArray();

    /// <summary>The relationship types of a strict package (its workbook's among them) begin with this.</summary>
    private static readonly byte[] StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships/"u8.ToArray();

    /// <summary>Whether the package's relationships name its workbook with a strict relationship type.</summary>
    public static bool IsStrict(Stream package)
    {
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            using var rels = zip.GetEntry("_rels/.rels")?.Open();
            if (rels is null)
            {
                return false;
            }

            var head = new byte[16 * 1024];
            var n = rels.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head.AsSpan(0, n).IndexOf(StrictRelationships) >= 0;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            return false; // not readable as a package (damaged, an unknown compression): the inspection says what is wrong
        }
        finally
        {
            package.Position = 0;
        }
    }

    /// <summary>
    /// Writes the transitional copy of the package into the temporary folder and returns its path (the caller deletes it);
    /// the parts decompressed no further than Limits:MaxXmlPartMegabytes in all (a zip bomb stops there and the temporary
    /// folder is not filled; the inspection that follows on the copy checks each part as it checks any workbook's).
    /// </summary>
    public static string TransitionalCopy(Stream package, ReadLimits limits)
    {
        var path = Path.Combine(Path.GetTempPath(), $"statsingest-strict-{Guid.NewGuid():N}.xlsx");
        try
        {
            using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            using var target = new ZipArchive(copy, ZipArchiveMode.Create);
            if (source.Entries.Count > XlsxInspection.MaxEntries)
            {
                throw XlsxInspection.TooManyParts(source.Entries.Count);
            }

            var left = (long)(limits.MaxXmlPartMegabytes * 1024 * 1024);
            foreach (var entry in source.Entries)
            {
                left -= CopyEntry(entry, target, left, limits);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            package.Position = 0;
        }

        return path;
    }

    /// <summary>Copies a part (its XML with the namespaces replaced), refusing it past <paramref name="left"/> bytes; how many it decompressed to.</summary>
    private static long CopyEntry(ZipArchiveEntry entry, ZipArchive target, long left, ReadLimits limits)
    {
        using var from = new LimitedStream(entry.Open(), left, () => GridReadException.OverLimit(Msg.Of(
            "The workbook, saved as Strict Open XML, decompresses to more than {limit} MB in all (Limits:MaxXmlPartMegabytes); it was not read further (a zip bomb, or a workbook too large for one file).",
            ("limit", limits.MaxXmlPartMegabytes))));
        using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
        if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
        {
            CopyReplacing(from, to);
        }
        else
        {
            from.CopyTo(to);
        }

        return from.Position; // the bytes it decompressed to
    }

    /// <summary>Copies the bytes, each strict namespace replaced by its transitional twin (a namespace cut between two reads included).</summary>
    internal static void CopyReplacing(Stream from, Stream to)
    {
        var keep = Namespaces.Max(n => n.Strict.Length) - 1; // the bytes that may begin a namespace not read to its end
        var buffer = new byte[(64 * 1024) + keep];
        var have = 0;
        while (true)
        {
            var read = from.Read(buffer, have, buffer.Length - have);
            var end = have + read;
            var safe = read == 0 ? end : Math.Max(0, end - keep); // a namespace that begins before this ends before `end`
            var at = 0;
            while (at < safe)
            {
                // Looked for up to the end of what was read (a prefix may begin just before `safe`), taken when it begins before it.
                var hit = buffer.AsSpan(at, end - at).IndexOf(StrictPrefix);
                hit = at + hit < safe ? hit : -1;
                var next = hit < 0 ? safe : at + hit;
                to.Write(buffer, at, next - at);
                at = next;
                if (hit >= 0)
                {
                    at += Replace(buffer.AsSpan(at, end - at), to);
                }
            }

            if (read == 0)
            {
                to.Write(buffer, at, end - at);
                return;
            }

            Array.Copy(buffer, at, buffer, 0, end - at);
            have = end - at;
        }
    }

    /// <summary>Writes the transitional twin of the strict namespace <paramref name="text"/> begins with (or its first byte when none); how many bytes it took.</summary>
    private static int Replace(ReadOnlySpan<byte> text, Stream to)
    {
        foreach (var (strict, transitional) in Namespaces)
        {
            if (text.StartsWith(strict))
            {
                to.Write(transitional);
                return strict.Length;
            }
        }

        to.Write(text[..1]);
        return 1;
    }
}
