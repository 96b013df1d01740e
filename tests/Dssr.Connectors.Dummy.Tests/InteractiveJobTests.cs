using System.Net.Http.Headers;
using System.Text.Json;
using Dssr.Testing;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>
/// The dummy's interactive jobs, published through the real job proxy on the API's listener (no SSH): info and
/// connect, the page and a WebSocket echo through the URL, terminate closing the tunnel, host-based routing, the token.
/// </summary>
public sealed class InteractiveJobTests
{
    private const string InteractiveScript = "#!/bin/bash\nJOBOBJ_INTERACTIVE=True\nJOBOBJ_APPDEFVERSION=2\necho desk\n";

    private static string Submit(long number) =>
        $$"""{"name":"{{DummyService.Name}}","number":{{number}},"nodes":1,"hpc_script":{"singularity":"{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(InteractiveScript))}}"},"bearer":"x"}""";

    private static async Task<(DummyService Dummy, TempDirectory State)> StartRunningAsync(Dictionary<string, string>? env = null, long number = 42)
    {
        var state = new TempDirectory();
        var dummy = await DummyService.StartAsync(state.Path, env: env);
        Assert.Equal(200, (await dummy.Post("/submit", Submit(number))).Status);
        return (dummy, state);
    }

    private static Task<Answer> Method(DummyService d, string method, long number = 42) =>
        d.Post($"/request/{DummyService.Name}/{number}/dummy_{number}/{method}", """{"qs":{}}""");

    [Fact]
    public async Task Info_is_503_with_an_error_until_the_job_runs_then_its_url_serves_the_page_and_echoes_a_websocket()
    {
        var (d, state) = await StartRunningAsync();
        await using var _ = d;
        using var __ = state;

        var early = await Method(d, "info");
        Assert.Equal(503, early.Status);
        Assert.StartsWith("{\"error\":\"job 42 is ", early.Text);

        d.Clock.AdvanceSeconds(6); // queued 5 s, then running
        var info = await Method(d, "info");
        Assert.Equal(200, info.Status);
        var listener = new Uri(d.Service.Host.Address);
        var password = JsonDocument.Parse(info.Text).RootElement.GetProperty("password").GetString()!;
        Assert.Equal(24, password.Length);
        var url = $"http://127.0.0.1:{listener.Port}/job42/";
        Assert.Equal($$"""{"about":"","actions":{},"address":"127.0.0.1:{{listener.Port}}","help":"","password":"{{password}}","url":"{{url}}"}""" + "\n", info.Text);

        using var http = new HttpClient();
        Assert.Equal(DummyJobService.Page("/job42/vnc.html?x=1"), await http.GetStringAsync(url + "vnc.html?x=1"));

        var echoed = await WebSocketEcho.RoundTripsAsync(new Uri($"ws://127.0.0.1:{listener.Port}/job42/websockify"), 1000);
        Assert.Equal(WebSocketEcho.Expected(1000), echoed);

        var connect = await Method(d, "connect");
        Assert.Equal($$"""{"address":"127.0.0.1:{{listener.Port}}","password":"{{password}}"}""" + "\n", connect.Text);

        var tunnel = Assert.Single(d.Service.Host.Clusters.Default.Interactive!.All);
        Assert.True(tunnel.BytesFromJob > 0 && tunnel.BytesToJob > 0);
        Assert.Equal(200, (await d.Post("/terminate", DummyService.JobArgs())).Status);
        Assert.Empty(d.Service.Host.Clusters.Default.Interactive!.All);
        Assert.Equal(Engine.Interactive.TunnelState.Closed, tunnel.State);
        var after = await Answer.Of(http.GetAsync(url));
        Assert.Equal(404, after.Status);
        Assert.Equal("application/json", after.ContentType);
    }

    [Fact]
    public async Task Host_based_routing_serves_the_job_on_its_own_host_name()
    {
        var (d, state) = await StartRunningAsync(new() { ["JARVICE_JOBS_DOMAIN"] = "http://jobs.test" });
        await using var _ = d;
        using var __ = state;
        d.Clock.AdvanceSeconds(6);

        var info = await Method(d, "info");
        Assert.Contains("\"url\":\"http://job-42.jobs.test/\"", info.Text);
        Assert.Contains("\"address\":\"job-42.jobs.test\"", info.Text);

        var port = new Uri(d.Service.Host.Address).Port;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/index.html");
        request.Headers.Host = "job-42.jobs.test";
        Assert.Equal(DummyJobService.Page("/index.html"), await (await http.SendAsync(request)).Content.ReadAsStringAsync());

        var echoed = await WebSocketEcho.RoundTripsAsync(new Uri($"ws://127.0.0.1:{port}/ws"), 50, host: "job-42.jobs.test");
        Assert.Equal(WebSocketEcho.Expected(50), echoed);

        // The legacy API still answers on the same listener; another job's host is not served.
        Assert.Equal(200, (await d.Service.Http.GetAsync("/live")).StatusCode is System.Net.HttpStatusCode.OK ? 200 : 0);
        using var other = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        other.Headers.Host = "job-43.jobs.test";
        Assert.Equal(404, (int)(await http.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_required_token_is_asked_for_then_kept_in_a_cookie()
    {
        var (d, state) = await StartRunningAsync(new() { ["DSSR_INTERACTIVE_REQUIRE_TOKEN"] = "true", ["DSSR_INTERACTIVE_URL_TEMPLATE"] = "jupyter" });
        await using var _ = d;
        using var __ = state;
        d.Clock.AdvanceSeconds(6);
        var info = JsonDocument.Parse((await Method(d, "info")).Text).RootElement;
        var url = info.GetProperty("url").GetString()!;
        var password = info.GetProperty("password").GetString()!;
        var port = new Uri(d.Service.Host.Address).Port;
        Assert.StartsWith($"http://127.0.0.1:{port}/job42/?token=", url);

        using var bare = new HttpClient();
        Assert.Equal(401, (int)(await bare.GetAsync($"http://127.0.0.1:{port}/job42/")).StatusCode);
        Assert.Equal(401, (int)(await bare.GetAsync($"http://127.0.0.1:{port}/job42/?token=wrong")).StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true });
        Assert.Equal(200, (int)(await browser.GetAsync(url)).StatusCode);
        Assert.Equal(200, (int)(await browser.GetAsync($"http://127.0.0.1:{port}/job42/next")).StatusCode); // the cookie

        using var basic = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/job42/");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("nimbix:" + password)));
        Assert.Equal(200, (int)(await bare.SendAsync(basic)).StatusCode);
    }

    [Fact]
    public async Task An_idle_tunnel_is_closed_after_the_ttl_and_made_again_by_the_next_request()
    {
        var (d, state) = await StartRunningAsync(new() { ["DSSR_INTERACTIVE_IDLE_TTL"] = "1" });
        await using var _ = d;
        using var __ = state;
        d.Clock.AdvanceSeconds(6);
        Assert.Equal(200, (await Method(d, "info")).Status);
        var tunnels = d.Service.Host.Clusters.Default.Interactive!;
        var first = Assert.Single(tunnels.All);

        d.Clock.AdvanceSeconds(2); // idle for longer than the TTL, by the service's clock; the sweep runs every second
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (tunnels.All.Count > 0 && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.Empty(tunnels.All);
        Assert.Equal("idle", first.ClosedBecause);

        var port = new Uri(d.Service.Host.Address).Port;
        using var http = new HttpClient();
        Assert.Equal(DummyJobService.Page("/job42/"), await http.GetStringAsync($"http://127.0.0.1:{port}/job42/"));
        Assert.NotSame(first, Assert.Single(tunnels.All));
    }

    [Fact]
    public async Task A_queue_pass_that_no_longer_shows_the_job_running_closes_its_tunnel()
    {
        var (d, state) = await StartRunningAsync();
        await using var _ = d;
        using var __ = state;
        d.Clock.AdvanceSeconds(6);
        Assert.Equal(200, (await Method(d, "info")).Status);
        var tunnels = d.Service.Host.Clusters.Default.Interactive!;
        var tunnel = Assert.Single(tunnels.All);

        d.Clock.AdvanceSeconds(11); // past its 10 s of running
        Assert.DoesNotContain("dummy_42", (await d.Get("/running")).Text);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (tunnels.All.Count > 0 && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        Assert.Empty(tunnels.All);
        Assert.Equal("the job is no longer running", tunnel.ClosedBecause);
        Assert.Equal(404, (await Method(d, "info")).Status);
    }

    [Fact]
    public async Task A_batch_job_and_an_unknown_number_are_not_proxied()
    {
        using var state = new TempDirectory();
        await using var d = await DummyService.StartAsync(state.Path);
        await d.Post("/submit", DummyService.SubmitArgs(44));
        d.Clock.AdvanceSeconds(6);
        Assert.Equal("{\"about\":\"\",\"actions\":{},\"help\":\"\",\"url\":\"\"}\n", (await Method(d, "info", 44)).Text);
        var port = new Uri(d.Service.Host.Address).Port;
        using var http = new HttpClient();
        var answer = await Answer.Of(http.GetAsync($"http://127.0.0.1:{port}/job44/"));
        Assert.Equal(404, answer.Status);
        Assert.Contains("job 44 is not a running interactive job", answer.Text);
        Assert.Equal(404, (int)(await http.GetAsync($"http://127.0.0.1:{port}/job99/")).StatusCode);
    }
}
