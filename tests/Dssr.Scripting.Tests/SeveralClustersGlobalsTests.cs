using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Scripting.Globals;
using Dssr.Scripting.Repl;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>The globals over several clusters: a cluster by name, jobs by where they live, a job's failover record.</summary>
public sealed class SeveralClustersGlobalsTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private TestService _service = null!;
    private ReplSession _session = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), _state.Path, LiveService.DummyEnv(), yaml: """
            clusters:
              - name: default
                preferred_jobs: [cpu]
                failover: [backup]
              - name: backup
                connector: dummy
                preferred_jobs: [cpu, gpu]
            """);
        _session = new ReplSession(new ScriptGlobals(_service.Host), ReplOptions.Default);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _state.Dispose();
    }

    private async Task<string> Eval(string code)
    {
        var result = await _session.EvaluateAsync(code);
        Assert.True(result.Outcome == ReplOutcome.Value, $"{result.Outcome}: {result.Text}");
        return result.Text;
    }

    [Fact]
    public async Task A_cluster_by_name_jobs_by_where_they_live_and_a_jobs_failover_record()
    {
        Assert.Equal("backup", await Eval("Clusters[\"backup\"].Name"));
        Assert.Equal("cpu,gpu", await Eval("string.Join(\",\", Clusters[\"backup\"].PreferredJobs)"));
        var unknown = await _session.EvaluateAsync("Clusters[\"nope\"]");
        Assert.Contains("no cluster 'nope'; the clusters are default, backup", unknown.Text);

        var now = DateTimeOffset.UtcNow;
        _service.Host.Journal.RecordSubmitted(new JobRecord("default", "moved", 1, "dummy_1", null, now, now, "SUBMITTED", null, null, "")
        {
            PlacedOn = "backup",
            Failover = "default unreachable (connection refused); placed on backup (prefers cpu jobs)",
        });
        _service.Host.Journal.RecordSubmitted(new JobRecord("default", "home", 2, "dummy_2", null, now, now, "SUBMITTED", null, null, ""));

        Assert.Equal("moved", await Eval("Jobs.Where(j => j.RunsOn == \"backup\").Single().Name"));
        Assert.Equal("2", await Eval("Jobs.Where(j => j.Cluster == \"default\").Count()"));
        Assert.Equal("moved", await Eval("Jobs.OfCluster(\"backup\").Single().Name"));
        Assert.Equal("default unreachable (connection refused); placed on backup (prefers cpu jobs)", await Eval("Jobs.FailedOver().Single().Failover"));
    }
}
