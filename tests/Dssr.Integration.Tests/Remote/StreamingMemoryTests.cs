using System.Diagnostics;
using Dssr.Engine.Remote;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Remote;

/// <summary>
/// A long output streams through the transport without being held: the process's resident memory, not only
/// the managed heap, stays within a few megabytes of where it started. It runs alone, so no other test's
/// allocations land in the figure.
/// </summary>
[Collection(ResidentMemoryCollection.Name)]
public sealed class StreamingMemoryTests(ITestOutputHelper output)
{
    private const long Tail = 60_000_000;

    /// <summary>Holding the tail would take 60 MB at least (120 MB as a string); a streaming transport keeps a few buffers.</summary>
    private const long Bound = 16_000_000;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Sixty_megabytes_of_output_grow_resident_memory_by_a_few_megabytes_only(SshTransportKind kind)
    {
        await using var ssh = Transports.Open(kind);
        await ssh.ConnectAsync();
        // A first, smaller stream brings in the code, the buffers and the thread pool, which any second call reuses.
        var warm = new CountingStream();
        await ssh.StreamAsync(RemoteCommand.Of("head", "-c", "4000000", "/dev/zero"), warm);

        var sink = new CountingStream();
        using var sampler = new PeakResidentSampler();
        var result = await ssh.StreamAsync(RemoteCommand.Of("head", "-c", $"{Tail}", "/dev/zero"), sink);
        var growth = sampler.Stop();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Tail, sink.Count);
        output.WriteLine($"{kind}: resident memory grew by {growth / 1e6:0.0} MB at most while {Tail / 1e6:0} MB streamed through");
        Assert.True(growth < Bound, $"{kind}: resident memory grew by {growth / 1e6:0.0} MB while {Tail / 1e6:0} MB streamed through (bound {Bound / 1e6:0} MB)");
    }

    private sealed class CountingStream : Stream
    {
        public long Count;
        public override void Write(byte[] buffer, int offset, int count) => Count += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
