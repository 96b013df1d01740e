using Dssr.Engine.Connectors;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Clusters;

/// <summary>The real service over HTTP with several clusters from a dssr.yaml, each a <see cref="RecordingConnector"/> of its own.</summary>
public sealed class ClusterSet : IAsyncDisposable
{
    private readonly TempDirectory _state;

    private ClusterSet(TempDirectory state, Dictionary<string, RecordingConnector> connectors, TestService service)
    {
        _state = state;
        Connectors = connectors;
        Service = service;
    }

    public Dictionary<string, RecordingConnector> Connectors { get; }
    public TestService Service { get; }
    public RecordingConnector this[string cluster] => Connectors[cluster];

    /// <param name="yaml">The clusters: list; each cluster's connector is <c>recording-NAME</c>.</param>
    public static Task<ClusterSet> StartAsync(string yaml, params string[] names) => StartAsync(yaml, new Dictionary<string, string>(), names);

    public static async Task<ClusterSet> StartAsync(string yaml, Dictionary<string, string> extraEnv, params string[] names)
    {
        var registry = new ConnectorRegistry();
        var connectors = new Dictionary<string, RecordingConnector>();
        foreach (var name in names)
        {
            var connector = connectors[name] = new RecordingConnector();
            registry.Register(_ => connector, [new Dssr.Engine.Configuration.Setting("RECORDING_UNUSED", "unset", "-")], "recording-" + name);
        }
        var state = new TempDirectory();
        var env = new Dictionary<string, string>(extraEnv) { ["JARVICE_BAREMETAL_CONNECTOR"] = "recording-default", ["DSSR_QUEUE_MAX_AGE_MS"] = "0" };
        var service = await TestService.StartAsync(registry, state.Path, env, yaml: yaml);
        return new ClusterSet(state, connectors, service);
    }

    public static string Args(string name, long number, string jobId) =>
        $$"""{"name":"{{name}}","number":{{number}},"jobid":"{{jobId}}"}""";

    /// <summary>A submit's args for a batch job of a kind: cpu, gpu or interactive.</summary>
    public static string Submit(string name, long number, string kind = "cpu")
    {
        var lines = "#!/bin/bash\nJOBOBJ_APPDEFVERSION=2\nJARVICE_CPU_CORES=1\n"
            + (kind == "interactive" ? "" : "JOBOBJ_INTERACTIVE=False\n")
            + (kind == "gpu" ? "JOBOBJ_GPUS=1\n" : "");
        var script = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lines));
        return $$"""{"name":"{{name}}","number":{{number}},"nodes":1,"hpc_script":{"singularity":"{{script}}"},"bearer":""}""";
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        _state.Dispose();
    }
}
