namespace StatsIngest.Read;

/// <summary>A read-only view of a seekable stream that reports each read: before it (its position and count) and after it (what it gave).</summary>
internal sealed class WatchedStream(Stream inner, Action<long, int>? before = null, Action<long, int>? after = null) : ReadOnlyView(inner)
{
    public override bool CanSeek => true;

    public override long Length => Inner.Length;

    public override long Position { get => Inner.Position; set => Inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var position = Inner.Position;
        before?.Invoke(position, (int)Math.Min(buffer.Length, Math.Max(0, Inner.Length - position)));
        var n = Inner.Read(buffer);
        after?.Invoke(position, n);
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);
}
