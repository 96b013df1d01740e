using System.Text;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Remote;

/// <summary>Hostile strings go through either transport and the remote user's shell as plain data.</summary>
public sealed class QuotingRoundTripTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Ten_thousand_hostile_arguments_come_back_byte_for_byte_and_run_nothing(SshTransportKind kind)
    {
        var canary = "dssr-canary-" + Guid.NewGuid().ToString("N")[..8];
        var strings = HostileStrings.Generate(10_000, canary);
        await using var ssh = Transports.Open(kind);

        // 250 arguments per command: 40 round trips, four at a time.
        var batches = strings.Chunk(250).ToList();
        using var gate = new SemaphoreSlim(4);
        var results = await Task.WhenAll(batches.Select(async batch =>
        {
            await gate.WaitAsync();
            try
            {
                var argv = new List<string> { "printf", "%s\\0" };
                argv.AddRange(batch);
                return await ssh.RunAsync(new RemoteCommand(argv));
            }
            finally
            {
                gate.Release();
            }
        }));

        var checkedCount = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            Assert.Equal(0, results[b].ExitCode);
            var expected = new List<byte>();
            foreach (var s in batches[b]) { expected.AddRange(Encoding.UTF8.GetBytes(s)); expected.Add(0); }
            Assert.Equal(expected.ToArray(), results[b].StdoutBytes);
            checkedCount += batches[b].Length;
        }
        Assert.Equal(10_000, checkedCount);

        var look = await ssh.RunAsync(RemoteCommand.Of("sh", "-c", "ls -a; test ! -e \"$1\"", "sh", canary));
        Assert.True(look.ExitCode == 0, $"the canary {canary} was created: {look.Stdout}");
        Assert.False(File.Exists(Path.Combine(TestBed.Home, canary)));
    }
}
