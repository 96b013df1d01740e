using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// <c>/request/.../tail</c> of the longest tail the settings allow (10,000 lines of 6,000 bytes: 60 MB) goes from the
/// login node to the HTTP client without being held: the service's resident memory grows by a few megabytes only,
/// on each transport, and the client gets every byte with the length announced up front.
/// </summary>
[Collection(ResidentMemoryCollection.Name)]
public sealed class SlurmTailMemoryTests(ITestOutputHelper output)
{
    private const int Lines = 10_000;
    private const int LineBytes = 6_000;

    /// <summary>
    /// Held as bytes, the tail would take 60 MB (as a string, 120; the code before streaming measured 360–490).
    /// Quiet, it grows 4–7 MB; on a loaded machine SSH.NET reads ahead of a slowed consumer (it has no read-side
    /// backpressure) and one CI run measured 26 MB: the bound stays well under what holding the tail costs.
    /// </summary>
    private const long Bound = 40_000_000;

    [Theory]
    [InlineData("sshnet")]
    [InlineData("openssh")]
    public async Task A_sixty_megabyte_tail_reaches_the_client_without_growing_resident_memory(string transport)
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_SSH_TRANSPORT"] = transport });
        var name = UpstreamScripts.NewName();
        var line = new string('x', LineBytes - 1);
        var made = await BedShell.RunAsync("sh", "-c", $"mkdir -p .jarvice && yes {line} | head -n {Lines} > .jarvice/{name}.out");
        Assert.True(made.ExitCode == 0, made.Stderr);
        try
        {
            // A short tail first brings in the code and the connection, which the long one reuses.
            Assert.Equal((LineBytes * 10L, LineBytes * 10L), await TailAsync(dssr, name, 10));

            using var sampler = new PeakResidentSampler();
            var (announced, received) = await TailAsync(dssr, name, Lines);
            var growth = sampler.Stop();

            Assert.Equal((long)Lines * LineBytes, announced);
            Assert.Equal((long)Lines * LineBytes, received);
            output.WriteLine($"{transport}: resident memory grew by {growth / 1e6:0.0} MB at most for a {received / 1e6:0} MB tail");
            Assert.True(growth < Bound, $"{transport}: resident memory grew by {growth / 1e6:0.0} MB for a {received / 1e6:0} MB tail (bound {Bound / 1e6:0} MB)");
        }
        finally
        {
            await BedShell.RunAsync("rm", "-f", "--", $".jarvice/{name}.out");
        }
    }

    /// <summary>The Content-Length the service announced and the bytes the body really had, read a chunk at a time.</summary>
    private static async Task<(long? Announced, long Received)> TailAsync(SlurmService dssr, string name, int lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/request/{name}/12/4242/tail")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("args", "{\"qs\":{\"lines\":[\"" + lines + "\"]}}")]),
        };
        using var response = await dssr.Service.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var chunk = new byte[64 * 1024];
        long received = 0;
        int n;
        while ((n = await body.ReadAsync(chunk)) > 0) received += n;
        return (response.Content.Headers.ContentLength, received);
    }
}
