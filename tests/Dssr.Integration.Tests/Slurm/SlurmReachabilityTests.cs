using System.Diagnostics;
using System.Globalization;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

public sealed class SlurmReachabilityTests
{
    [Fact]
    public async Task Gc_is_200_when_the_login_node_answers()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var gc = await dssr.Get("/gc");
        Assert.Equal(200, gc.Status);
        Assert.Equal("{\"status\":\"OK\"}\n", gc.Text);
    }

    [Fact]
    public async Task Gc_is_500_within_the_connect_timeout_when_nothing_listens()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path, new()
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = ClosedPort.Find().ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "2",
        });
        var clock = Stopwatch.StartNew();
        var gc = await dssr.Get("/gc");
        Assert.Equal(500, gc.Status);
        // The original waits for ever here; a refused port answers at once, so anything near the 2 s
        // connect timeout passes, and the margin is for a loaded machine's process start-ups.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 13), $"/gc took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_http_interface_is_refused_at_start_as_not_supported_yet()
    {
        using var state = new TempDirectory();
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_INTERFACE"] = "http" }));
        Assert.Contains("not supported yet", error.Message);
    }
}
