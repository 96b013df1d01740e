using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;
using Dssr.Scripting.Globals;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary><c>Tunnel(job)</c>: a running interactive job's tunnel from a script, made if need be, the same one the proxy uses.</summary>
public sealed class TunnelGlobalTests
{
    [Fact]
    public async Task Tunnel_opens_the_jobs_tunnel_by_id_or_number_and_names_its_url()
    {
        using var state = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0",
            ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600",
            ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
        };
        await using var service = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), state.Path, env);
        var globals = new ScriptGlobals(service.Host);
        var answer = await globals.Api.Submit("20240101120000-ABCDE-desk-me_s1", 801, "#!/bin/bash\nJOBOBJ_INTERACTIVE=True\n");
        Assert.Equal(200, answer.Status);

        var tunnel = await globals.Tunnel("dummy_801");
        Assert.Equal(TunnelState.Open, tunnel.State);
        Assert.Equal($"http://127.0.0.1:{new Uri(service.Host.Address).Port}/job801/", tunnel.Url);
        Assert.Same(tunnel, await globals.Tunnel("801"));
        Assert.Same(tunnel, Assert.Single(service.Host.Clusters.Default.Interactive!.All));

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => globals.Tunnel("802"));
        Assert.Contains("not a running interactive job", missing.Message);
    }
}
