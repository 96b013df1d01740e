using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Engine.Tests.Clusters;

/// <summary><c>/request/&lt;job&gt;/shutdown</c> is the cluster's terminate: the recorded owner acts and the queue cache is dropped.</summary>
public sealed class RequestShutdownTests
{
    [Theory]
    [InlineData("shutdown")]
    [InlineData("abort")]
    public async Task Shutdown_terminates_through_the_cluster_and_invalidates_the_queue_cache(string method)
    {
        using var state = new TempDirectory();
        var journal = new JobJournal(state.Path);
        var connector = new RecordingConnector();
        await using var cluster = new Cluster("default", "recording", connector, journal, TimeSpan.FromHours(1), TimeProvider.System,
            NullLoggerFactory.Instance);
        var now = DateTimeOffset.UtcNow;
        journal.RecordSubmitted(new JobRecord("default", "job_s1", 7, "job_7", "alice", now, now, JobState.Submitted.Text(), null, null, ""));

        await cluster.SnapshotAsync(CancellationToken.None);
        await cluster.SnapshotAsync(CancellationToken.None);
        Assert.Equal(1, connector.QueueQueries); // served from the cache until something changes the queue

        var answer = await cluster.RequestAsync(RequestPath.Parse($"job_s1/7/job_7/{method}"), RequestQuery.Empty, CancellationToken.None);
        Assert.Equal(200, answer.Status);
        Assert.Contains("terminate job_7 owner=alice", connector.Calls);
        Assert.DoesNotContain(connector.Calls, c => c.StartsWith("request", StringComparison.Ordinal));

        await cluster.SnapshotAsync(CancellationToken.None);
        Assert.Equal(2, connector.QueueQueries);
    }
}
