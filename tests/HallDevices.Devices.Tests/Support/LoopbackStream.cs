using System.Threading.Channels;

namespace HallDevices.Devices.Tests.Support;

/// <summary>
/// A stream whose writes go to a responder function and whose reads return what the responder
/// answered: a device on the other end of a wire, without the wire. The responder may return
/// noise, split replies or nothing at all. With <paramref name="firstWriteGate"/>, the first
/// asynchronous write waits for it: a line nobody drains until the test says so.
/// </summary>
public sealed class LoopbackStream(Func<byte[], IEnumerable<byte[]>> responder, Task? firstWriteGate = null) : Stream
{
    private readonly Channel<byte[]> _replies = Channel.CreateUnbounded<byte[]>();
    private byte[] _current = [];
    private int _offset;
    private int _asyncWrites;

    public List<byte[]> Written { get; } = [];

    public void Inject(byte[] bytes) => _replies.Writer.TryWrite(bytes);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _current.Length)
        {
            _current = await _replies.Reader.ReadAsync(cancellationToken);
            _offset = 0;
        }

        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] copy = buffer.ToArray();
        Written.Add(copy);
        foreach (byte[] reply in responder(copy))
        {
            _replies.Writer.TryWrite(reply);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (firstWriteGate is not null && Interlocked.Increment(ref _asyncWrites) == 1)
        {
            await firstWriteGate;
        }

        Write(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
