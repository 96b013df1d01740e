using System.Globalization;
using System.Text.Json;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Clusters;

/// <summary>
/// Three real Slurm clusters in one Dssr, each behind its own sshd: <c>default</c> (the bed's east cluster,
/// described by the environment), <c>backup</c> (west, prefers cpu jobs) and <c>gpu</c> (the bed's own cluster,
/// prefers gpu jobs). Everything through the HTTP API, as the upstream registers and calls each endpoint.
/// </summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class SeveralClustersTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly string _scratch = $"/tmp/dssr-scratch-{Guid.NewGuid():N}";
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        foreach (var cluster in new[] { "east", "west", "main" })
            Assert.Equal(0, (await BedShell.RunAsync("mkdir", "-p", $"{_scratch}/{cluster}")).ExitCode);
        var env = SlurmService.Environment(new()
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = BedCluster.East.Port.ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = BedCluster.East.KnownHosts,
            ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "3",
            ["JARVICE_JOB_SCRATCH_DIR"] = $"{_scratch}/east",
            ["DSSR_QUEUE_MAX_AGE_MS"] = "300",
        });
        var transport = env["JARVICE_SLURM_SSH_TRANSPORT"];
        var yaml = $$"""
            clusters:
              - name: default
                preferred_jobs: [cpu]
                failover: [gpu, backup]
              - name: backup
                connector: slurm
                ssh: { host: 127.0.0.1, port: {{BedCluster.West.Port}}, user: {{TestBed.User}}, key_file: {{TestBed.KeyFile}}, known_hosts: {{BedCluster.West.KnownHosts}}, connect_timeout: 3, transport: {{transport}} }
                JARVICE_JOB_SCRATCH_DIR: {{_scratch}}/west
                preferred_jobs: [cpu, large-memory]
              - name: gpu
                connector: slurm
                ssh: { host: 127.0.0.1, port: {{TestBed.Port}}, user: {{TestBed.User}}, key_file: {{TestBed.KeyFile}}, known_hosts: {{TestBed.KnownHosts}}, connect_timeout: 3, transport: {{transport}} }
                JARVICE_JOB_SCRATCH_DIR: {{_scratch}}/main
                preferred_jobs: [gpu]
            """;
        _service = await TestService.StartAsync(new ConnectorRegistry().AddSlurm(), _state.Path, env, yaml: yaml);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await BedCluster.East.StartSshdAsync().ContinueWith(_ => { }); // running already is fine
        await BedShell.RunAsync("rm", "-rf", _scratch);
        _state.Dispose();
    }

    /// <summary>A batch job that says which Slurm cluster ran it, and waits for the gate when given one.</summary>
    private static string Script(JobGate? gate = null) =>
        UpstreamScripts.Batch("multi", gate: gate).Replace("echo 'job multi done'", "echo \"ran on cluster $SLURM_CLUSTER_NAME\"\necho 'job multi done'");

    private Task<Answer> Post(string endpoint, string route, string args) => Answer.Of(_service.PostArgs(endpoint + route, args));

    private async Task<string> SubmitAsync(string endpoint, string name, long number, string script)
    {
        var answer = await Post(endpoint, "/submit", SlurmService.SubmitArgs(name, number, script));
        Assert.True(answer.Status == 200, $"{endpoint}/submit answered {answer.Status}: {answer.Text}");
        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement[0].GetString()!;
    }

    private async Task<(int Status, string Text)> ExitStatusAsync(string endpoint, string name, long number, string jobId)
    {
        var answer = await Post(endpoint, "/exitstatus", SlurmService.JobArgs(name, number, jobId));
        return (answer.Status, answer.Text);
    }

    /// <summary>Polls /exitstatus until the job has ended (200), and returns the answer.</summary>
    private async Task<string> EndedAsync(string endpoint, string name, long number, string jobId)
    {
        var last = "";
        await Poll.UntilAsync(async () =>
        {
            var (status, text) = await ExitStatusAsync(endpoint, name, number, jobId);
            last = text;
            return status == 200;
        }, 60, () => $"job {jobId} through {endpoint}/ did not end: {last}");
        return last;
    }

    private async Task<List<string>> ListAsync(string endpoint, string route)
    {
        var answer = await Answer.Of(_service.Http.GetAsync(endpoint + route));
        Assert.True(answer.Status == 200, $"{endpoint}{route} answered {answer.Status}: {answer.Text}");
        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement.EnumerateArray().Select(e => e[1].GetString()!).ToList();
    }

    [Fact]
    public async Task A_job_runs_on_each_cluster_through_its_own_endpoint()
    {
        var name = UpstreamScripts.NewName("multi");
        var east = await SubmitAsync("", name, 1, Script());
        var west = await SubmitAsync("/clusters/backup", name, 1, Script());
        var main = await SubmitAsync("/clusters/gpu", name, 1, Script());

        Assert.Contains("ran on cluster east", await EndedAsync("", name, 1, east));
        Assert.Contains("ran on cluster west", await EndedAsync("/clusters/backup", name, 1, west));
        Assert.Contains("ran on cluster dssrtestbed", await EndedAsync("/clusters/gpu", name, 1, main));
        Assert.Equal(200, (await Answer.Of(_service.Http.GetAsync("/clusters/backup/ready"))).Status);
        Assert.Equal(200, (await Answer.Of(_service.Http.GetAsync("/clusters/gpu/gc"))).Status);

        // The REPL's and scripts' view: a cluster by name, a command on its login node, jobs by where they live.
        await using var globals = new Dssr.Scripting.Globals.ScriptGlobals(_service.Host);
        Assert.Contains("ClusterName             = west", (await globals.SshOn(globals.Clusters["backup"].Name, "scontrol", "show", "config")).Stdout);
        Assert.Equal([west], globals.Jobs.Where(j => j.RunsOn == "backup" && j.Name == name).Select(j => j.JobId));
    }

    [Fact]
    public async Task With_defaults_sshd_stopped_a_submit_runs_on_backup_and_every_per_job_route_of_default_answers_for_it()
    {
        var name = UpstreamScripts.NewName("failover");
        using var gate = new JobGate();
        await SubmitAsync("", name, 1, Script()); // default reached once: its connection exists when its sshd goes
        await BedCluster.East.StopSshdAsync();
        string jobId;
        try
        {
            jobId = await SubmitAsync("", name, 2, Script(gate));
            var row = _service.Host.Journal.Find("default", name, 2)!;
            Assert.Equal("backup", row.RunsOn);
            Assert.Contains("default unreachable", row.Failover);
            Assert.EndsWith("placed on backup (prefers cpu jobs)", row.Failover);
            Assert.Equal([jobId], await BedCluster.West.JobsNamedAsync(name));
            Assert.Empty(BedCluster.JobsNamed(await BedShell.RunAsync("squeue", "-h", "-o", "%A %j"), name)); // gpu: no matching tag, never chosen

            // A retried submit (the upstream did not get the answer) returns the same job and makes none.
            Assert.Equal(jobId, await SubmitAsync("", name, 2, Script(gate)));
            Assert.Equal([jobId], await BedCluster.West.JobsNamedAsync(name));

            // Every per-job route through default's endpoint answers for the job on backup.
            var job = SlurmService.JobArgs(name, 2, jobId);
            await Poll.UntilAsync(async () =>
            {
                var status = await Post("", "/runstatus", job);
                return status.Status == 200 && status.Text.Contains($"\"{name}/2/{jobId}\"");
            }, 40, () => "runstatus through default never knew the job");
            Assert.Equal(200, (await Post("", "/events", job)).Status);
            Assert.Equal(200, (await Post("", "/release", job)).Status);
            Assert.Equal(500, (await Post("", "/exitstatus", job)).Status); // still running, as on its own cluster
            // default's own queue cannot be asked: its lists are 500, never a list without this job.
            Assert.Equal(500, (await Answer.Of(_service.Http.GetAsync("/running"))).Status);
            // backup's endpoint does not list a job its upstream never submitted.
            Assert.DoesNotContain(jobId, await ListAsync("/clusters/backup", "/running"));
            Assert.DoesNotContain(jobId, await ListAsync("/clusters/backup", "/queued"));
            gate.Open();
            var exit = await EndedAsync("", name, 2, jobId);
            Assert.StartsWith("[0,", exit);
            Assert.Contains("ran on cluster west", exit);
        }
        finally
        {
            await BedCluster.East.StartSshdAsync();
        }

        // sshd back: once default answers again (its connection retries with a short backoff), a new submit goes to it.
        await Poll.UntilAsync(async () => (await Answer.Of(_service.Http.GetAsync("/gc"))).Status == 200, 30,
            () => "default's /gc never answered 200 after its sshd came back");
        var home = await SubmitAsync("", name, 3, Script());
        var placed = _service.Host.Journal.Find("default", name, 3)!;
        Assert.True(placed.RunsOn == "default", $"job 3 ran on {placed.RunsOn}: {placed.Failover}");
        Assert.Contains("ran on cluster east", await EndedAsync("", name, 3, home));
    }

    [Fact]
    public async Task A_failed_over_job_is_listed_by_defaults_endpoint_and_terminated_through_it()
    {
        var name = UpstreamScripts.NewName("listed");
        using var gate = new JobGate();
        await BedCluster.East.StopSshdAsync();
        string jobId;
        try
        {
            jobId = await SubmitAsync("", name, 1, Script(gate));
        }
        finally
        {
            await BedCluster.East.StartSshdAsync();
        }
        // default answers again: its lists hold the job running on backup.
        await Poll.UntilAsync(async () =>
            (await Answer.Of(_service.Http.GetAsync("/running"))) is { Status: 200 } r && r.Text.Contains(jobId)
            || (await Answer.Of(_service.Http.GetAsync("/queued"))) is { Status: 200 } q && q.Text.Contains(jobId),
            40, () => "default's /running and /queued never listed the job on backup");
        Assert.Equal(200, (await Post("", "/terminate", SlurmService.JobArgs(name, 1, jobId))).Status);
        var exit = await EndedAsync("", name, 1, jobId);
        Assert.StartsWith("[-15,", exit);
    }
}

/// <summary>The tests that stop a cluster's sshd run alone: nothing else uses the bed's east and west clusters.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeveralClustersCollection
{
    public const string Name = "Several clusters, alone";
}
