using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Dssr.Engine.Tests.Api;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Clusters;

/// <summary>
/// Several clusters in one service: each answers at its own base, a submit fails over only when its cluster
/// certainly made no job, to a target that prefers the job's kind, and every per-job route of the endpoint the
/// upstream used finds the job where the journal says it lives.
/// </summary>
public sealed class FailoverTests
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";

    private const string Yaml = """
        clusters:
          - name: default
            connector: recording-default
            preferred_jobs: [cpu]
            failover: [gpuonly, backup]
          - name: gpuonly
            connector: recording-gpuonly
            preferred_jobs: [gpu]
          - name: backup
            connector: recording-backup
            preferred_jobs: [cpu]
        """;

    private static Task<ClusterSet> Start() => ClusterSet.StartAsync(Yaml, "default", "gpuonly", "backup");

    private static async Task<Answer> Post(ClusterSet set, string route, string args) => await Answer.Of(set.Service.PostArgs(route, args));

    private static int Submits(RecordingConnector c) => c.Calls.Count(x => x.StartsWith("submit "));

    [Fact]
    public async Task Each_cluster_answers_the_legacy_routes_at_its_own_base_and_live_is_global()
    {
        await using var set = await Start();
        Assert.Equal("[\"job_1\",\"#!/bin/bash\\n\"]\n", (await Post(set, "/submit", ClusterSet.Submit(Name, 1))).Text);
        Assert.Equal("[\"job_2\",\"#!/bin/bash\\n\"]\n", (await Post(set, "/clusters/backup/submit", ClusterSet.Submit(Name, 2))).Text);
        Assert.Equal(["submit " + Name + " 1 1"], set["default"].Calls.Where(c => c.StartsWith("submit")));
        Assert.Equal(["submit " + Name + " 2 1"], set["backup"].Calls.Where(c => c.StartsWith("submit")));

        set["backup"].Jobs.Add(new QueueEntry(Name, "job_2", JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["localhost"]));
        Assert.Equal($"[[\"{Name}\",\"job_2\"]]\n", await set.Service.Http.GetStringAsync("/clusters/backup/running"));
        Assert.Equal("[]\n", await set.Service.Http.GetStringAsync("/running"));
        Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/clusters/backup/ready"))).Status);
        Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/live"))).Status);
        Assert.Equal(404, (await Answer.Of(set.Service.Http.GetAsync("/clusters/backup/live"))).Status);
        Assert.Equal(404, (await Answer.Of(set.Service.Http.GetAsync("/clusters/nowhere/running"))).Status);
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_over_to_the_first_target_preferring_the_jobs_kind_and_every_per_job_route_follows()
    {
        await using var set = await Start();
        set["default"].FailWith = new RemoteConnectException("connect to 127.0.0.1:22 refused");

        var submitted = await Post(set, "/submit", ClusterSet.Submit(Name, 7));
        Assert.Equal("[\"job_7\",\"#!/bin/bash\\n\"]\n", submitted.Text);
        Assert.Equal(1, Submits(set["backup"]));
        Assert.Equal(0, Submits(set["gpuonly"])); // prefers gpu: never chosen for a cpu job

        var row = set.Service.Host.Journal.Find("default", Name, 7)!;
        Assert.Equal("backup", row.RunsOn);
        Assert.Contains("default unreachable (connect to 127.0.0.1:22 refused)", row.Failover);
        Assert.EndsWith("placed on backup (prefers cpu jobs)", row.Failover);
        Assert.Equal(1, set.Service.Host.Clusters["default"].FailoversOut);
        Assert.Equal(1, set.Service.Host.Clusters["backup"].FailoversIn);
        var status = set.Service.Host.Clusters["default"].Status();
        Assert.Equal((1L, 0L), (status.FailoversOut, status.FailoversIn));
        Assert.StartsWith($"{Name}:7 (job_7): default unreachable", status.LastFailover);
        var (reachable, _) = await set.Service.Host.Clusters["backup"].ProbeAsync(CancellationToken.None);
        Assert.True(reachable);
        Assert.True(set.Service.Host.Clusters["backup"].Status().Reachable);

        var job = ClusterSet.Args(Name, 7, "job_7");
        set["backup"].Jobs.Add(new QueueEntry(Name, "job_7", JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["localhost"]));
        Assert.Equal($"[[\"localhost\"],\"00:00:01\",\"{Name}/7/job_7\",null]\n", (await Post(set, "/runstatus", job)).Text);
        Assert.Equal(200, (await Post(set, "/events", job)).Status);
        Assert.Equal(200, (await Post(set, "/release", job)).Status);
        Assert.Equal(200, (await Post(set, "/request/" + Name + "/7/job_7/tail", """{"qs":{"lines":["5"]}}""")).Status);
        Assert.Equal(200, (await Post(set, "/terminate", job)).Status);
        Assert.StartsWith("[0,", (await Post(set, "/exitstatus", job)).Text);
        Assert.Equal(["events job_7", "release job_7", $"request [{Name}|7|job_7|tail] lines=5", "terminate job_7 owner=", "exitstatus job_7"],
            set["backup"].Calls.Where(c => !c.StartsWith("submit") && c != "queue"));
        Assert.DoesNotContain(set["default"].Calls, c => c.Contains("job_7") && !c.StartsWith("submit"));
    }

    [Fact]
    public async Task A_retried_submit_after_a_failover_returns_the_same_job_and_a_new_one_goes_home_once_the_cluster_is_back()
    {
        await using var set = await Start();
        set["default"].FailWith = new RemoteConnectException("connect timed out after 2 s");
        var first = await Post(set, "/submit", ClusterSet.Submit(Name, 8));
        set["default"].FailWith = null;
        var retried = await Post(set, "/submit", ClusterSet.Submit(Name, 8));
        Assert.Equal(first.Text, retried.Text);
        Assert.Equal(1, Submits(set["backup"]));
        Assert.Equal(1, Submits(set["default"])); // the failed attempt only

        Assert.Equal(200, (await Post(set, "/submit", ClusterSet.Submit(Name, 9))).Status);
        Assert.Equal(2, Submits(set["default"]));
        Assert.Equal("default", set.Service.Host.Journal.Find("default", Name, 9)!.RunsOn);
    }

    [Fact]
    public async Task A_job_of_a_kind_no_target_prefers_is_not_failed_over()
    {
        await using var set = await Start();
        set["default"].FailWith = new RemoteConnectException("connect refused");
        var answer = await Post(set, "/submit", ClusterSet.Submit(Name, 3, "interactive"));
        Assert.Equal(500, answer.Status);
        Assert.Equal(0, Submits(set["backup"]) + Submits(set["gpuonly"]));

        var gpu = await Post(set, "/submit", ClusterSet.Submit(Name, 4, "gpu"));
        Assert.Equal(200, gpu.Status);
        Assert.Equal(1, Submits(set["gpuonly"]));
        Assert.Equal(0, Submits(set["backup"]));
    }

    [Fact]
    public async Task Bad_input_a_command_that_timed_out_after_it_was_sent_and_a_lost_connection_are_never_failed_over()
    {
        await using var set = await Start();
        set["default"].FailWith = new InvalidInputException("hpc_script.singularity", "missing");
        Assert.Equal(400, (await Post(set, "/submit", ClusterSet.Submit(Name, 5))).Status);
        set["default"].FailWith = new RemoteTimeoutException("sbatch ran past 60 s and was stopped");
        Assert.Equal(500, (await Post(set, "/submit", ClusterSet.Submit(Name, 6))).Status);
        set["default"].FailWith = new RemoteException("the connection was lost while sbatch ran");
        Assert.Equal(500, (await Post(set, "/submit", ClusterSet.Submit(Name, 12))).Status);
        Assert.Equal(0, Submits(set["backup"]));
    }

    [Fact]
    public async Task A_cluster_side_refusal_fails_over_too()
    {
        await using var set = await Start();
        set["default"].FailWith = new ClusterRefusedException("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Invalid partition name specified");
        Assert.Equal(200, (await Post(set, "/submit", ClusterSet.Submit(Name, 10))).Status);
        Assert.Contains("default refused (sbatch failed (exit 1): sbatch: error:", set.Service.Host.Journal.Find("default", Name, 10)!.Failover);

        // An answer that could not be read may hide a job that was made: no failover.
        set["default"].FailWith = new ConnectorException("sbatch answered 'Submitted batch job 12', not a job id");
        Assert.Equal(500, (await Post(set, "/submit", ClusterSet.Submit(Name, 11))).Status);
        Assert.Equal(1, Submits(set["backup"]));
    }

    [Fact]
    public async Task An_endpoints_lists_hold_its_jobs_wherever_they_run_and_are_500_rather_than_leave_one_out()
    {
        await using var set = await Start();
        set["default"].FailWith = new RemoteConnectException("connect refused");
        await Post(set, "/submit", ClusterSet.Submit(Name, 11));
        // While default itself cannot be asked: 500, as with one cluster.
        Assert.Equal(500, (await Answer.Of(set.Service.Http.GetAsync("/running"))).Status);

        set["default"].FailWith = null;
        set["default"].Jobs.Add(new QueueEntry("own-job", "job_1", JobPhase.Queued, "PD", TimeSpan.FromSeconds(1), []));
        set["backup"].Jobs.Add(new QueueEntry(Name, "job_11", JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["localhost"]));
        set["backup"].Jobs.Add(new QueueEntry("backups-own", "job_99", JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["localhost"]));
        Assert.Equal($"[[\"{Name}\",\"job_11\"]]\n", await set.Service.Http.GetStringAsync("/running"));
        Assert.Equal("[[\"own-job\",\"job_1\"]]\n", await set.Service.Http.GetStringAsync("/queued"));
        // backup's endpoint lists its own jobs, not the one default's upstream submitted.
        Assert.Equal("[[\"backups-own\",\"job_99\"]]\n", await set.Service.Http.GetStringAsync("/clusters/backup/running"));

        set["backup"].FailWith = new RemoteConnectException("connect refused");
        var running = await Answer.Of(set.Service.Http.GetAsync("/running"));
        Assert.Equal(500, running.Status);
        Assert.Contains("cluster backup, where 1 job(s) of this endpoint run, cannot be asked", running.Text);
    }

    [Fact]
    public async Task A_silent_cluster_does_not_hold_up_another_clusters_routes()
    {
        await using var set = await Start();
        var gate = set["backup"].QueueGate = new TaskCompletionSource();
        try
        {
            var silent = set.Service.Http.GetAsync("/clusters/backup/running");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal("[]\n", await set.Service.Http.GetStringAsync("/running"));
            Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/clusters/gpuonly/queued"))).Status);
            // A bound for a hang, not a speed goal (bench/ has the figure): B's query is still waiting.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
            Assert.False(silent.IsCompleted);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task Each_endpoint_takes_its_own_server_key_or_the_services()
    {
        var registry = """
            clusters:
              - name: default
                connector: recording-default
              - name: backup
                connector: recording-backup
                server_key: b:bkey
            """;
        await using var set = await ClusterSet.StartAsync(registry, "default", "backup");
        // No global key in this service: default is open, backup is not.
        Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/running"))).Status);
        Assert.Equal(401, (await Answer.Of(set.Service.Http.GetAsync("/clusters/backup/running"))).Status);
        Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/clusters/backup/ready"))).Status);
        set.Service.UseBasicAuth("b", "bkey");
        Assert.Equal(200, (await Answer.Of(set.Service.Http.GetAsync("/clusters/backup/running"))).Status);

        // With the service's key set: default and every cluster without a key of its own take it, backup only its own.
        await using var keyed = await ClusterSet.StartAsync(registry.Replace("  - name: backup", "  - name: demo\n    connector: recording-demo\n  - name: backup"),
            new Dictionary<string, string> { ["JARVICE_SCHED_SERVER_KEY"] = "g:gkey" }, "default", "demo", "backup");
        keyed.Service.UseBasicAuth("g", "gkey");
        Assert.Equal(200, (await Answer.Of(keyed.Service.Http.GetAsync("/running"))).Status);
        Assert.Equal(200, (await Answer.Of(keyed.Service.Http.GetAsync("/clusters/demo/running"))).Status);
        Assert.Equal(401, (await Answer.Of(keyed.Service.Http.GetAsync("/clusters/backup/running"))).Status);
        keyed.Service.UseBasicAuth("b", "bkey");
        Assert.Equal(401, (await Answer.Of(keyed.Service.Http.GetAsync("/running"))).Status);
        Assert.Equal(200, (await Answer.Of(keyed.Service.Http.GetAsync("/clusters/backup/queued"))).Status);
        keyed.Service.Http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(200, (await Answer.Of(keyed.Service.Http.GetAsync("/live"))).Status);
        Assert.Equal(200, (await Answer.Of(keyed.Service.Http.GetAsync("/clusters/demo/ready"))).Status);
    }

    [Fact]
    public async Task A_cluster_with_its_own_listen_address_answers_its_routes_at_the_root_of_it()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var set = await ClusterSet.StartAsync($"""
            clusters:
              - name: default
                connector: recording-default
              - name: backup
                connector: recording-backup
                listen: http://127.0.0.1:{port}
            """, "default", "backup");
        using var own = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        set["backup"].Jobs.Add(new QueueEntry(Name, "job_5", JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["localhost"]));
        Assert.Equal($"[[\"{Name}\",\"job_5\"]]\n", await own.GetStringAsync("/running"));
        Assert.Equal("{\"status\":\"OK\"}\n", await own.GetStringAsync("/live"));
        using var tail = await own.PostAsync($"/request/{Name}/5/job_5/tail", new FormUrlEncodedContent([new("args", """{"qs":{"lines":["3"]}}""")]));
        Assert.Equal(200, (int)tail.StatusCode);
        Assert.Contains($"request [{Name}|5|job_5|tail] lines=3", set["backup"].Calls);
        Assert.Equal("[]\n", await set.Service.Http.GetStringAsync("/running")); // the main address still serves default at /
    }
}
