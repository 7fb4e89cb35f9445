using System.Runtime.CompilerServices;
using System.Text;

namespace StatsIngest.Read;

/// <summary>
/// Goes through a sheet's or the shared strings' XML as bytes, for the inspection of an .xlsx and its cell reader: each
/// start tag's local name and attributes (a prefix such as <c>x:</c> set aside), and the text of the elements the
/// visitor measures, chunk by chunk (an entity counts as one character, a character as its UTF-16 length, as a reader
/// of the XML counts it). Of well-formedness it checks only that the elements close (a part cut short is refused), not
/// that each end tag names the element it closes; a DTD is refused before anything else is read (entities that expand
/// or point outside the file).
/// A part in UTF-16 is transcoded to UTF-8 first. Ten times the pace of <see cref="System.Xml.XmlReader"/> on a sheet.
/// </summary>
internal sealed class XmlPartScanner : IDisposable
{
    private const int MaxTagBytes = 4 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly IDisposable[] _owned;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _measuring;
    private bool _inEntity;
    private bool _done;
    private int _depth; // the elements open
    private bool _rooted; // the root element began

    private XmlPartScanner(Stream stream, params IDisposable[] owned) => (_stream, _owned) = (stream, owned);

    /// <summary>What the scanner reports: a start tag, and the text of an element <see cref="StartTag"/> asked to measure.</summary>
    public interface IVisitor
    {
        /// <summary>A start tag: its local name and the bytes of its attributes; true when its text is to be measured.</summary>
        bool StartTag(ReadOnlySpan<byte> name, Attributes attributes, bool empty);

        /// <summary>A piece of the measured text (as bytes, entities not resolved) and how many characters it holds.</summary>
        void Text(ReadOnlySpan<byte> bytes, int characters);

        /// <summary>True when the scan is to stop after the tag just reported (<see cref="Next"/> returns; the visitor resumes it).</summary>
        bool Paused => false;
    }

    /// <summary>
    /// Reads the part to its end, reporting to <paramref name="visitor"/>; throws <see cref="DeclaresDtdException"/> on a
    /// DTD. The part is opened twice: its first bytes say whether it is UTF-16 (then transcoded), then it is read.
    /// A part is scanned once per process, so the scan's loop and its per-tag methods are jitted fully optimized at their
    /// first call (AggressiveOptimization): precompiled, the loop stayed in its ReadyToRun code (no inlining of the span
    /// helpers across the version bubble, no on-stack replacement) and its callees went through PGO's instrumented tier —
    /// a 100k-row sheet's scan took 530–600 ms that way, 180–220 ms this one (docs/performance.md).
    /// </summary>
    public static void Scan(Func<Stream> open, IVisitor visitor)
    {
        using var scanner = Open(open);
        while (scanner.Next(visitor))
        {
        }
    }

    /// <summary>A scan taken step by step (<see cref="Next"/>), for a visitor that pauses: as <see cref="Scan"/>.</summary>
    public static XmlPartScanner Open(Func<Stream> open)
    {
        Encoding? wide;
        using (var head = open())
        {
            wide = Utf16(head);
        }

        var part = open();
        var utf8 = wide is null ? part : Encoding.CreateTranscodingStream(part, wide, Encoding.UTF8);
        return new XmlPartScanner(utf8, utf8, part);
    }

    /// <summary>
    /// Reads on, reporting to <paramref name="visitor"/>, until it pauses (true) or the part ends (false). A part that
    /// ends before its elements are closed (cut short) or has none is refused (<see cref="System.Xml.XmlException"/>).
    /// </summary>
    public bool Next(IVisitor visitor)
    {
        if (_done || Run(visitor))
        {
            return !_done;
        }

        _done = true;
        return _depth != 0 || !_rooted
            ? throw new System.Xml.XmlException(_rooted ? $"the part ends inside {_depth} element(s) not closed" : "the part has no element")
            : false;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The UTF-16 a part is in when its first bytes say so (a byte order mark, or a zero byte beside the first '&lt;'); null otherwise.</summary>
    private static Encoding? Utf16(Stream part)
    {
        var head = new byte[2];
        return part.ReadAtLeast(head, 2, throwOnEndOfStream: false) < 2 ? null : (head[0], head[1]) switch
        {
            (0xFF, 0xFE) or ((byte)'<', 0) => Encoding.Unicode,
            (0xFE, 0xFF) or (0, (byte)'<') => Encoding.BigEndianUnicode,
            _ => null,
        };
    }

    /// <summary>Scans on until the visitor pauses (true) or the part ends (false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Scan
    private bool Run(IVisitor visitor)
    {
        while (true)
        {
            var lt = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'<');
            var textEnd = lt < 0 ? _end : _start + lt;
            if (_measuring && textEnd > _start)
            {
                var text = _buffer.AsSpan(_start, textEnd - _start);
                visitor.Text(text, Characters(text, ref _inEntity));
            }

            _start = textEnd;
            if (lt < 0)
            {
                if (!Fill())
                {
                    return false;
                }

                continue;
            }

            switch (Markup(visitor, _measuring, ref _inEntity))
            {
                case null:
                    return false;
                case { } measure:
                    _measuring = measure;
                    if (visitor.Paused)
                    {
                        return true;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Takes the markup at <see cref="_start"/> ('&lt;'): returns whether the text after it is measured, or null at the
    /// end of the part. A CDATA section inside a measured element is measured; comments and processing instructions are passed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Scan
    private bool? Markup(IVisitor visitor, bool measuring, ref bool inEntity)
    {
        if (!Ensure(9))
        {
            return null;
        }

        var head = _buffer.AsSpan(_start, Math.Min(9, _end - _start));
        if (head.Length > 1 && head[1] is (byte)'!' or (byte)'?')
        {
            return Declaration(head, visitor, measuring);
        }

        var end = TagEnd();
        if (end < 0)
        {
            return null;
        }

        var tag = _buffer.AsSpan(_start + 1, end - _start - 1);
        _start = end + 1;
        inEntity = false;
        if (tag.Length == 0)
        {
            return false; // "<>": no tag
        }

        if (tag[0] == '/')
        {
            return --_depth >= 0 ? false : throw new System.Xml.XmlException("an end tag closes no element");
        }

        var empty = tag[^1] == '/';
        if (empty)
        {
            tag = tag[..^1];
        }
        else
        {
            _depth++;
        }

        _rooted = true;

        // The name ends at white space (a byte under '!': space, tab, CR, LF — others are not in well-formed XML).
        var nameEnd = 0;
        var colon = -1;
        for (; nameEnd < tag.Length && tag[nameEnd] > (byte)' '; nameEnd++)
        {
            colon = tag[nameEnd] == ':' ? nameEnd : colon;
        }

        return visitor.StartTag(tag[(colon + 1)..nameEnd], new Attributes(tag[nameEnd..]), empty) && !empty;
    }

    /// <summary>A comment, a CDATA section (measured inside a measured element) or a processing instruction passed; a DTD refused.</summary>
    private bool? Declaration(ReadOnlySpan<byte> head, IVisitor visitor, bool measuring)
    {
        if (head.StartsWith("<!--"u8))
        {
            return Skip("-->"u8, null) ? measuring : null;
        }

        if (head.StartsWith("<![CDATA["u8))
        {
            _start += 9;
            return Skip("]]>"u8, measuring ? visitor : null) ? measuring : null;
        }

        if (head.StartsWith("<?"u8))
        {
            return Skip("?>"u8, null) ? false : null;
        }

        throw new DeclaresDtdException();
    }

    /// <summary>The index of the '&gt;' ending the tag at <see cref="_start"/> (a '&gt;' inside a quoted value passed), reading on as needed; -1 at the end of the part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Scan
    private int TagEnd()
    {
        var from = 1; // from _start: the buffer's contents move when it is filled
        while (true)
        {
            var at = _buffer.AsSpan(_start + from, _end - _start - from).IndexOfAny((byte)'>', (byte)'"', (byte)'\'');
            if (at >= 0)
            {
                var i = _start + from + at;
                if (_buffer[i] == '>')
                {
                    return i;
                }

                var close = _buffer.AsSpan(i + 1, _end - i - 1).IndexOf(_buffer[i]);
                if (close >= 0)
                {
                    from = i + close + 2 - _start;
                    continue;
                }

                from = i - _start; // a quoted value not ended yet: read on, and look again from its quote
            }
            else
            {
                from = _end - _start;
            }

            if (!Fill())
            {
                return -1;
            }
        }
    }

    /// <summary>Moves past <paramref name="terminator"/>, giving the text before it to <paramref name="measure"/> when given; false at the end of the part.</summary>
    private bool Skip(ReadOnlySpan<byte> terminator, IVisitor? measure)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var at = span.IndexOf(terminator);
            // Without the terminator, all but its length less one is certainly before it.
            var before = at >= 0 ? at : Math.Max(0, span.Length - terminator.Length + 1);
            if (measure is not null && before > 0)
            {
                var inEntity = false;
                measure.Text(span[..before], Characters(span[..before], ref inEntity));
            }

            if (at >= 0)
            {
                _start += at + terminator.Length;
                return true;
            }

            _start += before;
            if (!Fill())
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The characters of a piece of text as a reader of the XML gives them: an entity (<c>&amp;amp;</c>, <c>&amp;#x4E2D;</c>)
    /// is one, a character of four UTF-8 bytes two (UTF-16), any other one — counted by its first byte, so a character cut
    /// between two pieces counts once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Scan
    private static int Characters(ReadOnlySpan<byte> text, ref bool inEntity)
    {
        var count = 0;
        foreach (var b in text)
        {
            if (inEntity)
            {
                inEntity = b != ';';
            }
            else if (b == '&')
            {
                inEntity = true;
                count++;
            }
            else if ((b & 0xC0) != 0x80)
            {
                count += b >= 0xF0 ? 2 : 1;
            }
        }

        return count;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from <see cref="_start"/> (fewer only at the end of the part); false when none is left.</summary>
    private bool Ensure(int count)
    {
        while (_end - _start < count && Fill())
        {
        }

        return _end > _start;
    }

    /// <summary>Reads more of the part behind what is left unread (moved to the front, the buffer grown for a long tag); false at its end.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxTagBytes)
            {
                throw new System.Xml.XmlException($"a tag longer than {MaxTagBytes / 1024 / 1024} MB");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += n;
        _eof = n == 0;
        return n > 0;
    }

    /// <summary>A start tag's attributes, as bytes.</summary>
    public readonly ref struct Attributes(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        /// <summary>The value of the attribute with the local name <paramref name="name"/> (entities not resolved), or false.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Scan
        public bool TryGet(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
        {
            var rest = _bytes;
            while (true)
            {
                rest = rest.TrimStart(" \t\r\n"u8);
                var eq = rest.IndexOf((byte)'=');
                if (eq <= 0)
                {
                    value = default;
                    return false;
                }

                var attribute = rest[..eq].TrimEnd(" \t\r\n"u8);
                rest = rest[(eq + 1)..].TrimStart(" \t\r\n"u8);
                if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
                {
                    value = default;
                    return false;
                }

                var close = rest[1..].IndexOf(rest[0]);
                if (close < 0)
                {
                    value = default;
                    return false;
                }

                value = rest.Slice(1, close);
                rest = rest[(close + 2)..];
                if (attribute[(attribute.LastIndexOf((byte)':') + 1)..].SequenceEqual(name))
                {
                    return true;
                }
            }
        }
    }

    /// <summary>The part declares a DTD (or another declaration a workbook never has).</summary>
    public sealed class DeclaresDtdException : Exception
    {
        public DeclaresDtdException()
            : base("The part declares a DTD.")
        {
        }
    }
}
