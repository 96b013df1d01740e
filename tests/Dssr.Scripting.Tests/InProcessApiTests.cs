using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Api;
using Dssr.Scripting.Globals;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>The REPL's in-process API client goes through the service's real request pipeline, authentication included.</summary>
public sealed class InProcessApiTests
{
    [Fact]
    public async Task The_in_process_client_is_authenticated_by_the_real_pipeline_and_not_counted_as_the_upstream()
    {
        using var state = new TempDirectory();
        var env = LiveService.DummyEnv();
        env["JARVICE_SCHED_SERVER_KEY"] = "op:pw";
        await using var service = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), state.Path, env);
        await using var globals = new ScriptGlobals(service.Host);

        var before = service.Host.Meter.Total;
        Assert.Equal(200, (await globals.Api.Running()).Status);
        Assert.Equal(before + 1, service.Host.Meter.Total); // the meter is in the pipeline it went through
        Assert.Null(service.Host.Meter.SinceLastUpstreamCall); // marked as the service's own call

        // The same pipeline without the service's key: refused as over HTTP.
        var anonymous = new LegacyApiClient(service.Host.InProcessHandler(), new Uri("http://dssr.in-process/"));
        var refused = await anonymous.Running();
        Assert.Equal(401, refused.Status);
        Assert.Contains("authentication required", refused.Body);
        Assert.Equal(200, (await anonymous.Live()).Status);
    }
}
