using System.Net;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Observability;

/// <summary>/metrics after a job's life on the real Slurm of the test bed, read with a strict exposition parser.</summary>
public sealed class MetricsOnTheBedTests
{
    private static readonly string[] Families =
    [
        "dssr_http_requests_total", "dssr_http_request_duration_seconds", "dssr_remote_commands_total", "dssr_remote_command_duration_seconds",
        "dssr_queue_queries_total", "dssr_queue_snapshot_age_seconds", "dssr_jobs", "dssr_ssh_connections_open", "dssr_ssh_connects_total",
        "dssr_ssh_reconnects_total", "dssr_ssh_forwards_open", "dssr_journal_operations_total", "dssr_journal_operation_duration_seconds",
        "dssr_failovers_total", "process_working_set_bytes", "process_num_threads", "dotnet_collection_count_total",
    ];

    [Fact]
    public async Task A_scrape_after_a_jobs_life_shows_one_sbatch_and_one_squeue_per_queue_query()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName("metrics");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("metrics"));
        await dssr.WaitForPhaseAsync(jobId, "ended");
        var (rc, _, _, _) = await dssr.ExitStatusAsync(name, 1, jobId);
        Assert.Equal(0, rc);

        // A background query may be in flight at a scrape (counted as a query, its squeue not yet ended): scrape again
        // until none is, at most for a few seconds.
        Answer scrape;
        IReadOnlyDictionary<string, PrometheusText.Family> families;
        double queries, squeues, logged;
        var tries = 0;
        do
        {
            if (tries++ > 0) await Task.Delay(250);
            scrape = await dssr.Get("/metrics");
            Assert.Equal(200, scrape.Status);
            families = PrometheusText.Parse(scrape.Text);
            queries = families.TryGetValue("dssr_queue_queries_total", out var q) ? q.Samples.Single(s => s.Labels["cluster"] == "default").Value : 0;
            squeues = Count(families, "squeue");
            logged = dssr.Service.Host.Commands.All().Count(c => c.Program == "squeue");
        }
        while ((queries != squeues || squeues != logged) && tries < 40);
        Assert.StartsWith("text/plain", scrape.ContentType);

        foreach (var family in Families) Assert.True(families.ContainsKey(family), $"no family {family}");
        Assert.All(families.Values.Where(f => f.Name.StartsWith("dssr_", StringComparison.Ordinal)), f => Assert.False(string.IsNullOrEmpty(f.Help), $"{f.Name} has no HELP"));

        Assert.Equal(1, Count(families, "sbatch"));
        Assert.Equal(1, Count(families, "sbatch", "ok"));
        // Every queue query of the cluster is one squeue, and nothing else runs squeue.
        Assert.True(queries >= 2, $"expected the polls to have queried the queue, got {queries}");
        Assert.Equal(queries, squeues);
        Assert.Equal(logged, squeues);

        var requests = families["dssr_http_requests_total"].Samples;
        Assert.Equal(1, requests.Single(s => s.Labels["route"] == "/submit" && s.Labels["status"] == "200").Value);
        var latency = families["dssr_http_request_duration_seconds"].Samples.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Labels["route"] == "/submit");
        Assert.Equal(1, latency.Value);
        Assert.Equal(1, families["dssr_ssh_connections_open"].Samples.Single(s => s.Labels["cluster"] == "default").Value);
        Assert.Contains(families["dssr_journal_operations_total"].Samples, s => s.Labels["operation"] == "record_submitted" && s.Value >= 1);
        Assert.True(families["process_working_set_bytes"].Samples.Single().Value > 0);
    }

    [Fact]
    public async Task Metrics_are_behind_the_server_key_and_on_their_own_listener_when_asked()
    {
        using var state = new TempDirectory();
        // A port found free may be taken by another test's connection before the service binds it: try another.
        var (dssr, port) = await StartWithMetricsListenerAsync(state.Path);
        await using var _ = dssr;
        Assert.Equal(401, (await dssr.Get("/metrics")).Status);
        using var metricsClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await metricsClient.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metricsClient.GetAsync("/running")).StatusCode);

        metricsClient.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("upstream:s3cret"u8.ToArray()));
        var text = await metricsClient.GetStringAsync("/metrics");
        var families = PrometheusText.Parse(text);
        Assert.Contains(families["dssr_http_requests_total"].Samples, s => s.Labels["route"] == "/metrics" && s.Labels["status"] == "401");
    }

    private static double Count(IReadOnlyDictionary<string, PrometheusText.Family> families, string command, string? outcome = null) =>
        families["dssr_remote_commands_total"].Samples
            .Where(s => s.Labels["cluster"] == "default" && s.Labels["command"] == command && (outcome is null || s.Labels["outcome"] == outcome))
            .Sum(s => s.Value);

    private static async Task<(SlurmService, int)> StartWithMetricsListenerAsync(string state)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                return (await SlurmService.StartAsync(state, new Dictionary<string, string>
                {
                    ["JARVICE_SCHED_SERVER_KEY"] = "upstream:s3cret",
                    ["DSSR_METRICS_LISTEN"] = $"http://127.0.0.1:{port}",
                }), port);
            }
            catch (Dssr.Engine.Hosting.PortBusyException e) when (attempt < 3 && e.ListenAddress.Contains($":{port}", StringComparison.Ordinal))
            {
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
