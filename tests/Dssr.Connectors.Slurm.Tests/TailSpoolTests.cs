using System.Text;
using CsCheck;

namespace Dssr.Connectors.Slurm.Tests;

/// <summary>
/// The tail spool writes what decoding the whole output as text and encoding it again gives (invalid UTF-8 becomes
/// U+FFFD), however the output was cut into chunks on its way: the answer's bytes do not depend on packet sizes.
/// </summary>
public sealed class TailSpoolTests
{
    private static readonly Encoding Lenient = new UTF8Encoding(false, false);

    // Bytes heavy in multi-byte sequences, their pieces and outright invalid bytes.
    private static readonly Gen<byte[]> Output = Gen.Frequency<byte[]>(
        (3, Gen.Byte.Array[0, 200]),
        (3, Gen.OneOf("a", "é", "中", "😀", "\n", "x\u2028").Select(s => Encoding.UTF8.GetBytes(s)).Array[0, 60].Select(a => a.SelectMany(b => b).ToArray())),
        (2, Gen.OneOf<byte>(0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x80, 0x41).Array[0, 80]));

    [Fact]
    public async Task Chunked_writes_give_the_bytes_of_a_whole_lenient_decode()
    {
        await Gen.Select(Output, Gen.Int[1, 7].Array[1, 20]).SampleAsync(async (bytes, cuts) =>
        {
            var expected = Encoding.UTF8.GetBytes(Lenient.GetString(bytes));
            using var spool = new TailSpool();
            var at = 0;
            for (var i = 0; at < bytes.Length; i++)
            {
                var size = Math.Min(cuts[i % cuts.Length], bytes.Length - at);
                if (i % 2 == 0) spool.Write(bytes, at, size);
                else await spool.WriteAsync(bytes.AsMemory(at, size));
                at += size;
            }
            await using var body = await spool.RewindAsync(CancellationToken.None);
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy);
            return copy.ToArray().AsSpan().SequenceEqual(expected);
        }, iter: 2000);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_spool_file_is_private_and_gone_once_the_answer_is_sent()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "dssr-tail-*").ToHashSet();
        var spool = new TailSpool();
        spool.Write("hello\n"u8);
        var file = Assert.Single(Directory.GetFiles(Path.GetTempPath(), "dssr-tail-*"), f => !before.Contains(f));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var body = await spool.RewindAsync(CancellationToken.None);
        Assert.Equal(6, body.Length);
        await body.DisposeAsync();
        Assert.False(File.Exists(file));
    }
}
