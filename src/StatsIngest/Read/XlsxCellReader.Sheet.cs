using System.Buffers;
using System.Globalization;

namespace StatsIngest.Read;

internal static partial class XlsxCellReader
{
    /// <summary>
    /// One sheet's XML as it is scanned: the inspection's counts and findings kept on the way (<see cref="XlsxInspection.PartCounts"/>),
    /// each row's cells made as ExcelDataReader makes them, the scan paused at each row ended (<see cref="Take"/>).
    /// </summary>
    private sealed class SheetCells(string part, string name, Book book, ReadWarnings warnings, ReadLimits limits) : XmlPartScanner.IVisitor
    {
        private readonly XlsxInspection.PartCounts _counts = new(part, limits, book.Settings.CalculatedOnOpening);
        private readonly NumberFormats _formats = new();
        private readonly HiddenParts _hidden = new();
        private readonly List<(int From, int To)> _hiddenColumns = [];
        private readonly Queue<(int Number, List<RawCell> Cells)> _ended = new();
        private readonly ArrayBufferWriter<byte> _value = new(256); // the cell's value as written, one buffer for every cell
        private Func<int, bool>? _columnHidden;
        private bool _inData;
        private bool _inRow;
        private int _row;
        private bool _rowHidden;
        private List<RawCell> _cells = [];
        private int _errorsTaken;
        private int _widest = 4; // the most cells a row had: the next row's room

        // The cell being read.
        private bool _inCell;
        private int _column;
        private CellType _type;
        private int _style;
        private bool _inline;
        private bool _phonetic;
        private bool _capture;

        public List<MergedRange> Merges { get; } = [];

        public bool Paused => _ended.Count > 0;

        /// <summary>The next row ended, when there is one.</summary>
        public (int Number, List<RawCell> Cells)? Take() => _ended.Count > 0 ? _ended.Dequeue() : null;

        public bool StartTag(ReadOnlySpan<byte> tag, XmlPartScanner.Attributes attributes, bool empty)
        {
            var measured = _counts.StartTag(tag, attributes, empty);
            _capture = false;
            if (_inData && !IsCellContent(tag) && !tag.SequenceEqual("row"u8))
            {
                _inData = false; // past the sheet's data
                EndRow();
            }

            if (_inData)
            {
                InData(tag, attributes);
            }
            else if (tag.SequenceEqual("sheetData"u8))
            {
                _inData = !empty;
            }
            else if (tag.SequenceEqual("col"u8))
            {
                Column(attributes);
            }
            else if (tag.SequenceEqual("mergeCell"u8) && attributes.TryGet("ref"u8, out var range))
            {
                Merge(range);
            }

            return measured;
        }

        public void Text(ReadOnlySpan<byte> bytes, int characters)
        {
            _counts.Text(bytes, characters);
            if (_capture)
            {
                _value.Write(bytes);
            }
        }

        /// <summary>The end of the sheet's XML: the last cell and row ended, the hidden parts said.</summary>
        public void End()
        {
            _counts.EndCell();
            EndRow();
        }

        /// <summary>Says the hidden rows and columns that hold values (once the sheet was read).</summary>
        public void Said() => _hidden.Say(warnings, name);

        private void InData(ReadOnlySpan<byte> tag, XmlPartScanner.Attributes attributes)
        {
            switch (tag.Length)
            {
                case 1 when tag[0] == 'c':
                    EndCell();
                    BeginCell(attributes);
                    break;
                case 1 when tag[0] == 'v' && _inCell:
                    (_capture, _inline) = (true, false);
                    _value.ResetWrittenCount();
                    break;
                case 1 when tag[0] == 't' && _inCell && _inline && !_phonetic:
                    _capture = true;
                    break;
                case 2 when tag.SequenceEqual("is"u8) && _inCell:
                    (_inline, _phonetic) = (true, false);
                    _value.ResetWrittenCount();
                    break;
                case 3 when tag.SequenceEqual("rPh"u8):
                    _phonetic = true;
                    break;
                case 3 when tag.SequenceEqual("row"u8):
                    EndRow();
                    BeginRow(attributes);
                    break;
            }
        }

        private void BeginRow(XmlPartScanner.Attributes attributes)
        {
            var number = attributes.TryGet("r"u8, out var r) && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            _row = Math.Max(number, _row + 1); // a row out of order (a damaged file) is taken as the next
            _rowHidden = Flag(attributes, "hidden"u8)
                || (Flag(attributes, "customHeight"u8) && attributes.TryGet("ht"u8, out var height) && double.TryParse(height, NumberStyles.Float, CultureInfo.InvariantCulture, out var ht) && ht == 0);
            (_inRow, _cells, _column) = (true, new List<RawCell>(_widest), 0);
        }

        private void EndRow()
        {
            EndCell();
            if (!_inRow)
            {
                return;
            }

            _inRow = false;
            _widest = Math.Max(_widest, _cells.Count);
            _hidden.Look(_row, _rowHidden, _cells, _columnHidden ??= c => _hiddenColumns.Exists(h => c >= h.From && c <= h.To));
            _ended.Enqueue((_row, _cells));
        }

        private void BeginCell(XmlPartScanner.Attributes attributes)
        {
            if (!_inRow)
            {
                BeginRow(default);
            }

            _column = attributes.TryGet("r"u8, out var r) && Letters(r) is > 0 and var column ? column : _column + 1;
            _type = !attributes.TryGet("t"u8, out var t) ? CellType.Number
                : t.SequenceEqual("s"u8) ? CellType.Shared
                : t.SequenceEqual("str"u8) || t.SequenceEqual("inlineStr"u8) ? CellType.Text
                : t.SequenceEqual("b"u8) ? CellType.Boolean
                : t.SequenceEqual("d"u8) ? CellType.Date
                : t.SequenceEqual("e"u8) ? CellType.Error
                : CellType.Number;
            _style = attributes.TryGet("s"u8, out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var style) ? style : -1;
            (_inCell, _inline, _phonetic) = (true, false, false);
            _value.ResetWrittenCount();
        }

        /// <summary>Ends the cell being read: its value made into a cell of the row, then the error values and formulas never computed the inspection found put back.</summary>
        private void EndCell()
        {
            if (_inCell)
            {
                _inCell = false;
                if (Value() is { } value)
                {
                    var text = value is double or DateTime ? Shown(value) : CellValues.Text(value);
                    if (ExcelGridReader.Cell(warnings, value, text, name, _row, _column, limits) is { } cell)
                    {
                        ExcelGridReader.Place(_cells, cell);
                    }
                }
            }

            for (; _errorsTaken < _counts.Errors.Count; _errorsTaken++)
            {
                var (_, column, error) = _counts.Errors[_errorsTaken];
                ExcelGridReader.PutBack(_cells, _row, column, error);
            }
        }

        /// <summary>A number's or a date's text as the cell's number format shows it.</summary>
        private string Shown(object value)
        {
            var (id, format, _) = book.FormatOf(_style);
            return _formats.Text(value, id, format);
        }

        /// <summary>The cell's value as ExcelDataReader gives it: none when nothing is written.</summary>
        private object? Value()
        {
            var raw = _value.WrittenSpan;
            if (raw.IsEmpty)
            {
                return null;
            }

            switch (_type)
            {
                case CellType.Shared:
                    // An index past the shared strings (a damaged file) is kept as its digits, as ExcelDataReader keeps it.
                    return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < book.Strings.Count
                        ? book.Strings[index]
                        : Decode(raw);
                case CellType.Text:
                    return Decode(raw);
                case CellType.Boolean:
                    return raw.SequenceEqual("1"u8);
                case CellType.Date:
                    var iso = Decode(raw);
                    return DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) ? date : iso;
                case CellType.Error:
                    return null;
                default:
                    if (!double.TryParse(raw, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
                    {
                        return Decode(raw);
                    }

                    return book.FormatOf(_style).IsDate ? FromSerial(number, book.Date1904) : number;
            }
        }

        private void Column(XmlPartScanner.Attributes attributes)
        {
            var hidden = Flag(attributes, "hidden"u8)
                || (Flag(attributes, "customWidth"u8) && attributes.TryGet("width"u8, out var w) && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var width) && width == 0);
            if (hidden && attributes.TryGet("min"u8, out var min) && attributes.TryGet("max"u8, out var max)
                && int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var from) && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                _hiddenColumns.Add((from, to));
            }
        }

        private void Merge(ReadOnlySpan<byte> range)
        {
            var colon = range.IndexOf((byte)':');
            if (Reference(colon < 0 ? range : range[..colon]) is { } a && Reference(colon < 0 ? range : range[(colon + 1)..]) is { } b)
            {
                Merges.Add(new MergedRange(a.Row, a.Column, b.Row, b.Column));
            }
        }

        private static (int Row, int Column)? Reference(ReadOnlySpan<byte> reference)
        {
            var column = Letters(reference);
            var digits = reference.TrimStart("$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);
            return column > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0 ? (row, column) : null;
        }

        /// <summary>The column of a reference's letters ("B12" → 2); 0 when it has none (checked within Excel's grid by the inspection's counts).</summary>
        private static int Letters(ReadOnlySpan<byte> reference)
        {
            var column = 0;
            foreach (var b in reference.TrimStart((byte)'$'))
            {
                if (!char.IsAsciiLetter((char)b))
                {
                    break;
                }

                column = Math.Min((column * 26) + ((b | 0x20) - 'a' + 1), CellReference.MaxColumn + 1);
            }

            return column;
        }

        private static bool Flag(XmlPartScanner.Attributes attributes, ReadOnlySpan<byte> name) =>
            attributes.TryGet(name, out var value) && (value.SequenceEqual("1"u8) || value.SequenceEqual("true"u8));

        private static bool IsCellContent(ReadOnlySpan<byte> tag)
        {
            if (tag.Length == 1)
            {
                return tag[0] is (byte)'c' or (byte)'f' or (byte)'v' or (byte)'t' or (byte)'r' or (byte)'b' or (byte)'i' or (byte)'u';
            }

            foreach (var content in CellContent)
            {
                if (tag.SequenceEqual(content))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
