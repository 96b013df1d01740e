using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Journal;

/// <summary>Two services in this process on one PostgreSQL database and one cluster: two replicas behind one upstream.</summary>
public sealed class InProcessReplicas : IAsyncDisposable
{
    private readonly TempDirectory _stateA = new();
    private readonly TempDirectory _stateB = new();

    private InProcessReplicas(string database, SharedCluster cluster) => (Database, Cluster) = (database, cluster);

    public string Database { get; }
    public SharedCluster Cluster { get; }
    public TestService A { get; private set; } = null!;
    public TestService B { get; private set; } = null!;

    public static async Task<InProcessReplicas> StartAsync(SharedCluster? cluster = null, Dictionary<string, string>? extra = null)
    {
        var database = await PostgresBed.CreateDatabaseAsync();
        var replicas = new InProcessReplicas(database, cluster ?? new SharedCluster());
        replicas.A = await replicas.StartOneAsync(replicas._stateA.Path, extra);
        replicas.B = await replicas.StartOneAsync(replicas._stateB.Path, extra);
        return replicas;
    }

    public Task<TestService> StartOneAsync(string state, Dictionary<string, string>? extra = null, bool waitForReady = true)
    {
        var env = PostgresBed.JournalEnvironment(Database);
        env["JARVICE_BAREMETAL_CONNECTOR"] = "shared";
        foreach (var (k, v) in extra ?? []) env[k] = v;
        return TestService.StartAsync(new ConnectorRegistry().Register(_ => Cluster, "shared"), state, env, waitForReady: waitForReady);
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        await PostgresBed.DropDatabaseAsync(Database);
        _stateA.Dispose();
        _stateB.Dispose();
    }
}
