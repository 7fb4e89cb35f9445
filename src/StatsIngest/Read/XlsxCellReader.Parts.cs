using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace StatsIngest.Read;

internal static partial class XlsxCellReader
{
    /// <summary>The tags of more than one letter a sheet's data has inside its rows: what a cell holds (an inline string with its runs and their fonts).</summary>
    private static readonly byte[][] CellContent =
        [.. new[] { "is", "rPr", "rPh", "phoneticPr", "extLst", "ext", "rFont", "charset", "family", "strike", "outline", "shadow", "condense", "extend", "color", "sz", "vertAlign", "scheme" }
            .Select(Encoding.ASCII.GetBytes)];

    /// <summary>
    /// A serial number under a date format as the date it shows: in the 1900 date system (serial 1 is 1900-01-01, and
    /// Excel counts a 29 February 1900 that never was, so a serial under 60 is a day later than an OLE date's) or the
    /// 1904 one; a number no date can be stays a number.
    /// </summary>
    private static object FromSerial(double serial, bool date1904)
    {
        var ole = date1904 ? serial + 1462 : serial is >= 0 and < 60 ? serial + 1 : serial;
        return ole is > -657435.0 and < 2958466.0 ? DateTime.FromOADate(ole) : serial;
    }

    /// <summary>How a cell's value is written (its t attribute).</summary>
    private enum CellType
    {
        Number,
        Shared,
        Text,
        Boolean,
        Date,
        Error,
    }

    /// <summary>The text of an element as a reader of the XML gives it: line breaks as '\n', entities resolved, then Excel's <c>_xHHHH_</c> escapes.</summary>
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        return text.Contains("_x", StringComparison.Ordinal)
            ? Escape().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;
    }

    [GeneratedRegex("_x([0-9A-F]{4})_", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();

    /// <summary>The shared strings, read with the inspection's limits (their number, their lengths): each item's text without its phonetic runs.</summary>
    private sealed class SharedStrings(string part, ReadLimits limits) : XmlPartScanner.IVisitor
    {
        private readonly XlsxInspection.PartCounts _counts = new(part, limits, calculatedOnOpening: false);
        private readonly ArrayBufferWriter<byte> _text = new(256);
        private readonly List<string> _strings = [];
        private bool _open;
        private bool _phonetic;
        private bool _capture;

        public static List<string> Read(ZipArchiveEntry entry, ReadLimits limits)
        {
            var visitor = new SharedStrings(entry.FullName, limits);
            XlsxInspection.Guarded(entry, () =>
            {
                XmlPartScanner.Scan(() => XlsxInspection.Open(entry, limits), visitor);
                return 0;
            });
            visitor.Finish();
            return visitor._strings;
        }

        public bool StartTag(ReadOnlySpan<byte> name, XmlPartScanner.Attributes attributes, bool empty)
        {
            var measured = _counts.StartTag(name, attributes, empty);
            _capture = false;
            if (name.SequenceEqual("si"u8))
            {
                Finish();
                (_open, _phonetic) = (true, false);
                _text.ResetWrittenCount();
            }
            else if (name.SequenceEqual("rPh"u8))
            {
                _phonetic = true;
            }
            else if (name.SequenceEqual("t"u8) && _open && !_phonetic)
            {
                _capture = true;
            }

            return measured;
        }

        public void Text(ReadOnlySpan<byte> bytes, int characters)
        {
            _counts.Text(bytes, characters);
            if (_capture)
            {
                _text.Write(bytes);
            }
        }

        private void Finish()
        {
            if (_open)
            {
                _strings.Add(_text.WrittenCount == 0 ? string.Empty : Decode(_text.WrittenSpan));
                _open = false;
            }
        }
    }
}
