using System.Text.Json;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Journal;

/// <summary>
/// The journal's database away: the service still starts and says why it is not ready; routes that
/// need the journal fail with a 500 naming it (never a false "no such job"); nothing is sent to the
/// cluster unrecorded; and service comes back by itself with the database. The database is taken away
/// by refusing connections to it and ending the existing ones (the server keeps serving other tests).
/// </summary>
public sealed class JournalFaultTests
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";

    private static string SubmitArgs(long number) =>
        $$"""{"name":"{{Name}}","number":{{number}},"nodes":1,"hpc_script":{"singularity":"eA=="},"bearer":"b"}""";

    private static string JobArgs(long number, string jobId) => $$"""{"name":"{{Name}}","number":{{number}},"jobid":"{{jobId}}"}""";

    private static Task TakeAway(string database) => PostgresBed.ExecuteAsync("postgres",
        $"ALTER DATABASE {database} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");

    private static Task GiveBack(string database) => PostgresBed.ExecuteAsync("postgres", $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");

    private static async Task<Answer> WaitFor(Func<Task<Answer>> ask, Func<Answer, bool> until, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answer = await ask();
            if (until(answer)) return answer;
            Assert.True(DateTime.UtcNow < deadline, $"{what}; last answer {answer.Status} {answer.Text}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task With_the_database_unreachable_at_start_the_service_starts_live_and_not_ready_naming_the_journal()
    {
        using var state = new TempDirectory();
        var cluster = new SharedCluster();
        var env = new Dictionary<string, string>
        {
            ["DSSR_JOURNAL"] = $"Host=127.0.0.1;Port={ClosedPort.Find()};Username=dssr;Database=dssr",
            ["JARVICE_BAREMETAL_CONNECTOR"] = "shared",
        };
        await using var service = await TestService.StartAsync(new Dssr.Engine.Connectors.ConnectorRegistry().Register(_ => cluster, "shared"), state.Path, env);

        Assert.Equal(200, (await Answer.Of(service.Http.GetAsync("/live"))).Status);
        var ready = await Answer.Of(service.Http.GetAsync("/ready"));
        Assert.Equal(503, ready.Status);
        Assert.Contains("\"reason\":\"journal (postgresql 127.0.0.1:", ready.Text);
        Assert.Contains("\"status\":\"NOT READY\"", ready.Text);

        var submit = await Answer.Of(service.PostArgs("/submit", SubmitArgs(1)));
        Assert.Equal(500, submit.Status);
        Assert.StartsWith("{\"error\":\"journal (postgresql 127.0.0.1:", submit.Text);
        Assert.Equal(0, cluster.Submits);
    }

    [Fact]
    public async Task A_database_that_comes_up_after_the_start_makes_the_service_ready_by_itself()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        await TakeAway(replicas.Database);
        using var state = new TempDirectory();
        await using var late = await replicas.StartOneAsync(state.Path);
        Assert.Equal(503, (await Answer.Of(late.Http.GetAsync("/ready"))).Status);
        await GiveBack(replicas.Database);
        await WaitFor(() => Answer.Of(late.Http.GetAsync("/ready")), a => a.Status == 200, "never became ready");
        Assert.Equal(200, (await Answer.Of(late.PostArgs("/submit", SubmitArgs(2)))).Status);
    }

    [Fact]
    public async Task Losing_the_database_while_serving_is_a_500_naming_the_journal_and_service_returns_with_it()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        var service = replicas.B;
        var submitted = await Answer.Of(service.PostArgs("/submit", SubmitArgs(3)));
        var jobId = JsonDocument.Parse(submitted.Text).RootElement[0].GetString()!;
        await Answer.Of(service.PostArgs("/terminate", JobArgs(3, jobId)));

        await TakeAway(replicas.Database);
        var exit = await Answer.Of(service.PostArgs("/exitstatus", JobArgs(3, jobId)));
        Assert.Equal(500, exit.Status);
        Assert.StartsWith("{\"error\":\"journal (postgresql ", exit.Text);
        var submit = await Answer.Of(service.PostArgs("/submit", SubmitArgs(4)));
        Assert.Equal(500, submit.Status);
        Assert.Contains("journal (postgresql ", submit.Text);
        Assert.Equal(1, replicas.Cluster.Submits); // the failed submit never reached the cluster
        await WaitFor(() => Answer.Of(service.Http.GetAsync("/ready")), a => a.Status == 503, "ready never said the journal was lost");

        await GiveBack(replicas.Database);
        await WaitFor(() => Answer.Of(service.PostArgs("/exitstatus", JobArgs(3, jobId))), a => a.Status == 200, "exitstatus never came back");
        Assert.Equal(200, (await Answer.Of(service.PostArgs("/submit", SubmitArgs(4)))).Status);
        Assert.Equal(2, replicas.Cluster.Submits);
        await WaitFor(() => Answer.Of(service.Http.GetAsync("/ready")), a => a.Status == 200, "never ready again");
    }
}
