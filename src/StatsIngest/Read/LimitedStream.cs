namespace StatsIngest.Read;

/// <summary>A read-only stream that refuses to give more than a number of bytes: a decompressed part stops at the limit, whatever its header promised.</summary>
internal sealed class LimitedStream(Stream inner, long limit, Func<Exception> overLimit) : ReadOnlyView(inner)
{
    private long _read;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Inner.Read(buffer, offset, count);
        _read += n;
        return _read > limit ? throw overLimit() : n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
}
