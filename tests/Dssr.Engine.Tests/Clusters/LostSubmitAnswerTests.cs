using Dssr.Engine.Connectors;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Clusters;

/// <summary>A submit whose answer was lost (the job made on the cluster, the id never heard) is adopted on retry, not made twice.</summary>
public class LostSubmitAnswerTests
{
    private const string Args = """{"name":"20240101120000-ABCDE-app-me_s1","number":9,"nodes":1,"hpc_script":{"singularity":"eA=="},"bearer":""}""";

    /// <summary>Makes the job, then fails as a dropped SSH connection would.</summary>
    private sealed class LosesTheAnswer : IConnector
    {
        public int Submits;
        public bool Lose = true;
        public readonly List<QueueEntry> Jobs = [];
        public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;
        public Task<bool> IsReachableAsync(CancellationToken ct) => Task.FromResult(true);
        public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
        {
            Submits++;
            var id = (100 + Submits).ToString();
            Jobs.Add(new QueueEntry(request.Name, id, JobPhase.Queued, "PD", TimeSpan.Zero, []));
            if (Lose) throw new ConnectorException("ssh: connection to the login node lost");
            return Task.FromResult(new SubmitResult(id, "#!/bin/bash\n"));
        }
        public Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct) => Task.FromResult(new QueueSnapshot(DateTimeOffset.UtcNow, Jobs.ToList()));
        public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job) => null;
        public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct) => throw new NotSupportedException();
        public Task TerminateAsync(JobRef job, CancellationToken ct) => Task.CompletedTask;
        public Task ReleaseAsync(JobRef job, CancellationToken ct) => Task.CompletedTask;
        public Task<string> EventsAsync(JobRef job, CancellationToken ct) => Task.FromResult("");
        public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct) => Task.FromResult(RequestResult.Empty());
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_adopts_the_job_the_cluster_made()
    {
        using var state = new TempDirectory();
        var connector = new LosesTheAnswer();
        var registry = new ConnectorRegistry().Register(_ => connector, "lossy");
        await using var service = await TestService.StartAsync(registry, state.Path, new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = "lossy" });

        Assert.Equal(500, (await Answer.Of(service.PostArgs("/submit", Args))).Status);
        connector.Lose = false;
        var retry = await Answer.Of(service.PostArgs("/submit", Args));
        Assert.Equal(200, retry.Status);
        Assert.StartsWith("[\"101\",", retry.Text);
        Assert.Equal(1, connector.Submits);
        Assert.Equal("101", service.Host.Journal.Find("default", "20240101120000-ABCDE-app-me_s1", 9)!.JobId);
    }

    [Fact]
    public async Task A_retry_after_a_failure_the_cluster_never_acted_on_submits_again()
    {
        using var state = new TempDirectory();
        var connector = new LosesTheAnswer();
        var registry = new ConnectorRegistry().Register(_ => connector, "lossy");
        await using var service = await TestService.StartAsync(registry, state.Path, new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = "lossy" });
        await Answer.Of(service.PostArgs("/submit", Args));
        connector.Jobs.Clear(); // the cluster did not make it after all
        connector.Lose = false;
        var retry = await Answer.Of(service.PostArgs("/submit", Args));
        Assert.Equal(200, retry.Status);
        Assert.Equal(2, connector.Submits);
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_adopts_the_job_even_when_it_has_already_ended()
    {
        using var state = new TempDirectory();
        var connector = new LosesTheAnswer();
        var registry = new ConnectorRegistry().Register(_ => connector, "lossy");
        await using var service = await TestService.StartAsync(registry, state.Path, new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = "lossy" });

        Assert.Equal(500, (await Answer.Of(service.PostArgs("/submit", Args))).Status);
        connector.Jobs[0] = connector.Jobs[0] with { Phase = JobPhase.Ended, State = "CD" }; // a short job, done before the retry
        connector.Lose = false;
        var retry = await Answer.Of(service.PostArgs("/submit", Args));
        Assert.Equal(200, retry.Status);
        Assert.StartsWith("[\"101\",", retry.Text);
        Assert.Equal(1, connector.Submits);
    }

    [Fact]
    public async Task An_ended_job_of_the_same_name_that_another_submit_owns_is_not_adopted()
    {
        using var state = new TempDirectory();
        var connector = new LosesTheAnswer { Lose = false };
        var registry = new ConnectorRegistry().Register(_ => connector, "lossy");
        await using var service = await TestService.StartAsync(registry, state.Path, new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = "lossy" });

        var earlier = Args.Replace("\"number\":9", "\"number\":8", StringComparison.Ordinal);
        Assert.Equal(200, (await Answer.Of(service.PostArgs("/submit", earlier))).Status); // job 101, number 8
        connector.Jobs[0] = connector.Jobs[0] with { Phase = JobPhase.Ended, State = "CD" };
        connector.Lose = true;
        Assert.Equal(500, (await Answer.Of(service.PostArgs("/submit", Args))).Status); // number 9: made as 102, answer lost
        connector.Jobs.RemoveAt(1); // ... or not made after all
        connector.Lose = false;
        var retry = await Answer.Of(service.PostArgs("/submit", Args));
        Assert.Equal(200, retry.Status);
        Assert.StartsWith("[\"103\",", retry.Text); // not number 8's job 101
    }

    [Fact]
    public async Task Bad_input_leaves_no_row_behind()
    {
        using var state = new TempDirectory();
        var connector = new RecordingConnector { FailWith = new InvalidInputException("hpc_script.singularity", "not base64") };
        await using var api = await ApiFixture.StartAsync(connector: connector);
        Assert.Equal(400, (await Answer.Of(api.Service.PostArgs("/submit", Args))).Status);
        Assert.Null(api.Service.Host.Journal.Find("default", "20240101120000-ABCDE-app-me_s1", 9));
    }
}
