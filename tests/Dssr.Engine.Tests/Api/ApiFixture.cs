using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Api;

/// <summary>The real service over HTTP with a <see cref="RecordingConnector"/> behind it.</summary>
public sealed class ApiFixture : IAsyncDisposable
{
    private readonly TempDirectory _state;

    private ApiFixture(TempDirectory state, RecordingConnector connector, TestService service)
    {
        _state = state;
        Connector = connector;
        Service = service;
    }

    public RecordingConnector Connector { get; }
    public TestService Service { get; }

    public static async Task<ApiFixture> StartAsync(Dictionary<string, string>? env = null, RecordingConnector? connector = null,
        bool waitForReady = true)
    {
        connector ??= new RecordingConnector();
        var registry = new ConnectorRegistry().Register(_ => connector, "recording");
        env ??= [];
        env["JARVICE_BAREMETAL_CONNECTOR"] = "recording";
        var state = new TempDirectory();
        var service = await TestService.StartAsync(registry, state.Path, env, waitForReady: waitForReady);
        return new ApiFixture(state, connector, service);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        _state.Dispose();
    }
}
