using System.Text.Json;
using Dssr.Engine.Jobs;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Journal;

/// <summary>Two replicas on one PostgreSQL journal: what one accepted, the other knows; a submit is made once.</summary>
public sealed class ReplicaSharingTests
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";

    private static string SubmitArgs(long number, string bearer = "b") =>
        $$"""{"name":"{{Name}}","number":{{number}},"nodes":1,"hpc_script":{"singularity":"eA=="},"bearer":"{{bearer}}"}""";

    private static string JobArgs(long number, string jobId) => $$"""{"name":"{{Name}}","number":{{number}},"jobid":"{{jobId}}"}""";

    [Fact]
    public async Task Fifty_duplicate_submits_split_across_two_replicas_make_one_job_and_every_answer_names_it()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Answer.Of((i % 2 == 0 ? replicas.A : replicas.B).PostArgs("/submit", SubmitArgs(7)))));
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(1, replicas.Cluster.Submits);
        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.StartsWith("[\"1001\",", answers[0].Text);
    }

    [Fact]
    public async Task A_job_submitted_on_one_replica_lives_its_whole_life_through_the_other()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        var submitted = await Answer.Of(replicas.A.PostArgs("/submit", SubmitArgs(8, bearer: "kirby")));
        var jobId = JsonDocument.Parse(submitted.Text).RootElement[0].GetString()!;

        var running = await Answer.Of(replicas.B.PostArgs("/runstatus", JobArgs(8, jobId)));
        Assert.Equal($"[[\"node1\"],\"0:00:01\",\"{Name}/8/{jobId}\",null]\n", running.Text);
        Assert.Equal(200, (await Answer.Of(replicas.A.PostArgs("/terminate", JobArgs(8, jobId)))).Status);
        var exit = await Answer.Of(replicas.B.PostArgs("/exitstatus", JobArgs(8, jobId)));
        Assert.Equal(200, exit.Status);
        Assert.StartsWith("[-15,", exit.Text);

        // B acted as the owner A recorded, and recorded the final state A then reads.
        var (route, job) = replicas.Cluster.Calls.Last();
        Assert.Equal(("exitstatus", "owner-of-kirby"), (route, job.Owner));
        Assert.Equal("CANCELLED", replicas.A.Host.Journal.FindByJobId("default", jobId)!.FinalState);
        Assert.Equal(1, replicas.Cluster.Submits);
    }

    [Fact]
    public async Task Each_replica_sees_the_other_in_its_heartbeats()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (replicas.A.Host.Keeper.Replicas.Count < 2 || replicas.B.Host.Keeper.Replicas.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the replicas never saw each other");
            await Task.Delay(100);
        }
        Assert.Equal(
            new[] { replicas.A.Host.Address, replicas.B.Host.Address }.Order(),
            replicas.A.Host.Keeper.Replicas.Select(r => r.Address).Order());
    }

    [Fact]
    public async Task The_sweep_of_finished_jobs_runs_on_one_replica_and_moves_to_the_other_when_its_holder_stops()
    {
        await using var replicas = await InProcessReplicas.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ServiceHostPair Holders() => new(replicas.A.Host.Keeper.Held.Contains(FinishedJobSweep.LeaseName),
            replicas.B.Host.Keeper.Held.Contains(FinishedJobSweep.LeaseName));
        while (Holders() is not ({ A: true, B: false } or { A: false, B: true }))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no single holder: {Holders()}");
            await Task.Delay(100);
        }
        var holder = Holders().A ? replicas.A : replicas.B;
        var other = holder == replicas.A ? replicas.B : replicas.A;
        await holder.Host.StopAsync();
        await holder.Host.Keeper.DisposeAsync(); // the holder is gone: no more renewals
        var moved = System.Diagnostics.Stopwatch.StartNew();
        while (!other.Host.Keeper.Held.Contains(FinishedJobSweep.LeaseName))
        {
            Assert.True(moved.Elapsed < TimeSpan.FromSeconds(30), "the sweep never moved");
            await Task.Delay(100);
        }
        // Lease 3 passes (6 s) plus one pass: within 10 s on an idle machine; the bound above allows a loaded one.
        Assert.True(moved.Elapsed < TimeSpan.FromSeconds(20), $"took {moved.Elapsed}");
    }

    [Fact]
    public async Task A_job_gone_from_the_queue_with_no_exit_status_asked_is_finished_once_by_the_sweep()
    {
        await using var replicas = await InProcessReplicas.StartAsync(extra: new() { ["DSSR_FINISHED_JOB_RETENTION"] = "1" });
        var submitted = await Answer.Of(replicas.A.PostArgs("/submit", SubmitArgs(9, bearer: "kirby")));
        var jobId = JsonDocument.Parse(submitted.Text).RootElement[0].GetString()!;
        await Answer.Of(replicas.B.PostArgs("/terminate", JobArgs(9, jobId)));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (replicas.A.Host.Journal.FindByJobId("default", jobId)!.FinalState is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep never finished the job");
            // The upstream's polling keeps both replicas' snapshots fresh.
            await Answer.Of(replicas.A.Http.GetAsync("/running"));
            await Answer.Of(replicas.B.Http.GetAsync("/running"));
            await Task.Delay(200);
        }
        Assert.Equal("CANCELLED", replicas.B.Host.Journal.FindByJobId("default", jobId)!.FinalState);
        var sweeps = replicas.Cluster.Calls.Where(c => c.Route == "exitstatus" && c.Job.JobId == jobId).ToList();
        Assert.Single(sweeps);
        Assert.Equal("owner-of-kirby", sweeps[0].Job.Owner);
    }

    private sealed record ServiceHostPair(bool A, bool B);
}
