using System.Text;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// Where a <c>tail</c> lands on its way to the HTTP answer: a private temporary file that deletes itself when closed,
/// so a 10,000-line tail of long lines costs disk, not memory, and the answer still carries its Content-Length as
/// the original's did. Bytes are written as UTF-8 with invalid sequences replaced (U+FFFD), exactly what decoding
/// the whole output as text and encoding it again gives, but a chunk at a time.
/// </summary>
internal sealed class TailSpool : Stream
{
    private readonly FileStream _file;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly Encoder _encoder = new UTF8Encoding(false, false).GetEncoder();
    private char[] _chars = new char[16 * 1024];
    private byte[] _bytes = new byte[48 * 1024];

    public TailSpool()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.DeleteOnClose,
        };
        // A job's output is its owner's: no other local account reads the spool.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        _file = new FileStream(Path.Combine(Path.GetTempPath(), $"dssr-tail-{Guid.NewGuid():N}"), options);
    }

    /// <summary>Ends the text (a sequence cut at the end becomes U+FFFD) and hands the file back from its start, for sending; it deletes itself when the reader closes it.</summary>
    public async Task<Stream> RewindAsync(CancellationToken ct)
    {
        Convert(ReadOnlySpan<byte>.Empty, flush: true);
        await _file.FlushAsync(ct).ConfigureAwait(false);
        _file.Position = 0;
        return _file;
    }

    // Synchronous on purpose: SSH.NET's output pump writes from a thread of its own, and a plain file write of a
    // 64 KB chunk is faster done than handed to the thread pool (a slow consumer lets the channel's buffer grow).
    public override void Write(ReadOnlySpan<byte> buffer) => Convert(buffer, flush: false);

    public override void Write(byte[] buffer, int offset, int count) => Convert(buffer.AsSpan(offset, count), flush: false);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Convert(buffer.Span, flush: false);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Convert(buffer.AsSpan(offset, count), flush: false);
        return Task.CompletedTask;
    }

    private void Convert(ReadOnlySpan<byte> input, bool flush)
    {
        var needed = _decoder.GetCharCount(input, flush);
        if (needed > _chars.Length) _chars = new char[needed];
        var chars = _decoder.GetChars(input, _chars, flush);
        var size = _encoder.GetByteCount(_chars.AsSpan(0, chars), flush);
        if (size > _bytes.Length) _bytes = new byte[size];
        var bytes = _encoder.GetBytes(_chars.AsSpan(0, chars), _bytes, flush);
        _file.Write(_bytes, 0, bytes);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
