using System.Net;
using System.Text.Json;
using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Api;

public class ApiBehaviourTests
{
    private const string JobArgs = """{"name":"20240101120000-ABCDE-app-me_s1","number":42,"jobid":"job_42"}""";

    [Fact]
    public async Task A_connector_failure_is_a_500_with_a_json_error_and_the_next_request_is_served()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.FailWith = new ConnectorException("squeue failed: slurm_load_jobs error");
        var failed = await Answer.Of(api.Service.PostArgs("/terminate", JobArgs));
        Assert.Equal(500, failed.Status);
        Assert.Equal("application/json", failed.ContentType);
        Assert.Equal("{\"error\":\"squeue failed: slurm_load_jobs error\"}\n", failed.Text);

        api.Connector.FailWith = null;
        Assert.Equal("true\n", (await Answer.Of(api.Service.PostArgs("/terminate", JobArgs))).Text);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_without_a_stack_trace()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.FailWith = new InvalidOperationException("secret detail at Foo.Bar()");
        var failed = await Answer.Of(api.Service.PostArgs("/events", JobArgs));
        Assert.Equal(500, failed.Status);
        Assert.Equal("{\"error\":\"internal error (InvalidOperationException); see the service log\"}\n", failed.Text);
    }

    [Fact]
    public async Task Running_is_500_when_the_queue_query_fails_never_an_empty_list()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.FailWith = new ConnectorException("squeue: cannot reach slurmctld");
        var running = await Answer.Of(api.Service.Http.GetAsync("/running"));
        var queued = await Answer.Of(api.Service.Http.GetAsync("/queued"));
        Assert.Equal(500, running.Status);
        Assert.Equal(500, queued.Status);
        Assert.DoesNotContain("[]", running.Text);
    }

    [Fact]
    public async Task Unknown_routes_are_404_and_wrong_methods_405_with_allow_in_json()
    {
        await using var api = await ApiFixture.StartAsync();
        var missing = await Answer.Of(api.Service.Http.GetAsync("/live/"));
        Assert.Equal(404, missing.Status);
        Assert.StartsWith("{\"error\":\"no route /live/", missing.Text);

        using var wrong = await api.Service.Http.GetAsync("/submit");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Contains("POST", wrong.Content.Headers.Allow);
        Assert.Equal("application/json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Options_and_head_answer_as_flask_does()
    {
        await using var api = await ApiFixture.StartAsync();
        using var options = await api.Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/submit"));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.Contains("POST", options.Content.Headers.Allow);
        using var head = await api.Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/live"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Request_paths_are_url_decoded_once_including_slashes()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.Service.PostArgs("/request/a%3Bb/1/j%252F/tail", """{"qs":{"lines":["5"]}}""");
        await api.Service.PostArgs("/request/a/1%2Fj/ping", """{"qs":{}}""");
        Assert.Contains("request [a;b|1|j%2F|tail] lines=5", api.Connector.Calls);
        Assert.Contains("request [a|1|j|ping] lines=", api.Connector.Calls);
    }

    [Fact]
    public async Task Request_json_content_is_reencoded_and_sent_with_200_whatever_the_connector_status()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.RequestAnswer = new RequestResult(404, RequestResult.Json, "{\"url\": \"é\", \"about\": 1}");
        var answer = await Answer.Of(api.Service.PostArgs("/request/n/1/j/info", """{"qs":{}}"""));
        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("{\"about\":1,\"url\":\"\\u00e9\"}\n", answer.Text);
    }

    [Fact]
    public async Task Request_text_content_is_html_with_the_connector_status_and_no_newline()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.RequestAnswer = new RequestResult(404, "text/plain", "no output yet");
        var answer = await Answer.Of(api.Service.PostArgs("/request/n/1/j/tail", """{"qs":{}}"""));
        Assert.Equal(404, answer.Status);
        Assert.Equal("text/html; charset=utf-8", answer.ContentType);
        Assert.Equal("no output yet", answer.Text);
    }

    [Fact]
    public async Task Gc_is_500_bad_when_the_cluster_is_unreachable()
    {
        await using var api = await ApiFixture.StartAsync();
        api.Connector.Reachable = false;
        var answer = await Answer.Of(api.Service.Http.GetAsync("/gc"));
        Assert.Equal(500, answer.Status);
        Assert.Equal("{\"status\":\"BAD\"}\n", answer.Text);
        Assert.Equal("{\"status\":\"OK\"}\n", (await Answer.Of(api.Service.Http.GetAsync("/live"))).Text);
    }

    [Fact]
    public async Task Ready_is_503_until_the_connector_has_initialised()
    {
        var connector = new RecordingConnector { InitGate = new TaskCompletionSource() };
        await using var api = await ApiFixture.StartAsync(connector: connector, waitForReady: false);
        Assert.Equal(503, (await Answer.Of(api.Service.Http.GetAsync("/ready"))).Status);
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/live"))).Status);
        connector.InitGate.SetResult();
        await api.Service.Host.Initialization;
        Assert.Equal("{\"status\":\"OK\"}\n", (await Answer.Of(api.Service.Http.GetAsync("/ready"))).Text);
    }

    [Fact]
    public async Task Many_list_calls_share_one_queue_query()
    {
        await using var api = await ApiFixture.StartAsync(new Dictionary<string, string> { ["DSSR_QUEUE_MAX_AGE_MS"] = "60000" });
        api.Connector.Jobs.Add(new QueueEntry("a", "1", JobPhase.Running, "R", TimeSpan.Zero, ["n1"]));
        var calls = Enumerable.Range(0, 20).Select(i => Answer.Of(api.Service.Http.GetAsync(i % 2 == 0 ? "/running" : "/queued")));
        var answers = await Task.WhenAll(calls);
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal("[[\"a\",\"1\"]]\n", answers[0].Text);
        Assert.Equal("[]\n", answers[1].Text);
        await Answer.Of(api.Service.PostArgs("/runstatus", """{"name":"a","number":1,"jobid":"1"}"""));
        Assert.Equal(1, api.Connector.QueueQueries);
    }

    [Fact]
    public async Task A_repeated_submit_returns_the_same_job_and_makes_no_second_one()
    {
        await using var api = await ApiFixture.StartAsync();
        const string args = """{"name":"20240101120000-ABCDE-app-me_s1","number":7,"nodes":1,"hpc_script":{"singularity":"eA=="},"bearer":""}""";
        var first = await Answer.Of(api.Service.PostArgs("/submit", args));
        var second = await Answer.Of(api.Service.PostArgs("/submit", args));
        Assert.Equal(first.Text, second.Text);
        Assert.Single(api.Connector.Calls, c => c.StartsWith("submit"));
    }

    [Fact]
    public async Task Per_job_calls_act_as_the_owner_recorded_in_the_journal()
    {
        await using var api = await ApiFixture.StartAsync();
        var now = DateTimeOffset.UtcNow;
        api.Service.Host.Journal.RecordSubmitted(new Dssr.Engine.Jobs.JobRecord("default", "x", 1, "job_1", "kirby", now, now, "R", null, null, ""));
        await api.Service.PostArgs("/terminate", """{"name":"y-mallory_s1","number":1,"jobid":"job_1"}""");
        Assert.Contains("terminate job_1 owner=kirby", api.Connector.Calls);
    }
}
