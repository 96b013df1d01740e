using System.Globalization;
using System.Text.Json;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Integration.Tests.Clusters;

/// <summary>
/// The cluster's slurmctld stopped while a job runs and ends: the lists are 500s naming the failure (never a list
/// without the job, which would tell the upstream it finished), /exitstatus never gives a final state the cluster has
/// not confirmed, and once the controller is back the job's true exit status is answered.
/// Runs on the bed's "west" cluster, whose controller no other collection uses.
/// </summary>
[Collection(SeveralClustersCollection.Name)]
public sealed class SlurmctldOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_slurmctld_stopped_lists_are_500s_and_after_it_returns_a_job_that_ended_meanwhile_gets_its_true_exit_status()
    {
        using var state = new TempDirectory();
        using var gate = new JobGate();
        await using var dssr = await SlurmService.StartAsync(state.Path, new()
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = BedCluster.West.Port.ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = BedCluster.West.KnownHosts,
        });
        var name = UpstreamScripts.NewName("ctld-outage");
        // The job fails (no success marker): a false status would be 0, or a lost one.
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("ctld-outage", succeeds: false, gate: gate));
        await dssr.WaitForPhaseAsync(jobId, "running");
        // The job's task has started (srun asks the controller for its step; the step must exist before it goes away).
        await Poll.UntilAsync(async () =>
        {
            var tail = await dssr.Request($"{name}/1/{jobId}/tail", new() { ["lines"] = "5" });
            return tail.Status == 200 && tail.Text.Contains("job ctld-outage started as", StringComparison.Ordinal);
        }, 60, () => "the job's task never started");

        await BedCluster.West.StopSlurmctldAsync();
        try
        {
            var failures = 0;
            await Poll.UntilAsync(async () =>
            {
                var running = await dssr.Get("/running");
                if (running.Status == 200)
                {
                    Assert.True(running.Text.Contains($"\"{jobId}\"", StringComparison.Ordinal), $"/running without job {jobId} while slurmctld is down: {running.Text}");
                    return false;
                }
                Assert.Equal(500, running.Status);
                Assert.StartsWith("{\"error\":", running.Text);
                output.WriteLine($"/running while slurmctld is down: {running.Status} {running.Text}");
                return ++failures >= 2;
            }, 90, () => "/running never failed while slurmctld was down");

            gate.Open(); // the job ends while nobody can ask the controller
            for (var i = 0; i < 5; i++)
            {
                var early = await dssr.Post("/exitstatus", SlurmService.JobArgs(name, 1, jobId));
                Assert.True(early.Status == 500, $"/exitstatus while slurmctld is down must not give a final state: {early.Status} {early.Text}");
                await Task.Delay(500);
            }
        }
        finally
        {
            gate.Open();
            await BedCluster.West.StartSlurmctldAsync();
        }

        await dssr.WaitForPhaseAsync(jobId, "ended", 90);
        // Just after the controller returns it may still be settling the job's end (the upstream asks again on a 500):
        // the job stays COMPLETING until its step's completion message gets through, and slurmstepd retries that on a
        // schedule of its own (one run: the controller back at +0 s, the batch step done at +4 s, step 0's message
        // through at +46 s, TERMINATE_JOB resent, the job still COMPLETING at +68 s).
        Answer? final = null;
        await Poll.UntilAsync(async () =>
        {
            var answer = await dssr.Post("/exitstatus", SlurmService.JobArgs(name, 1, jobId));
            if (answer.Status == 200) { final = answer; return true; }
            Assert.True(answer.Status == 500, $"/exitstatus after slurmctld returned: {answer.Status} {answer.Text}");
            output.WriteLine($"/exitstatus while slurmctld settles: {answer.Status} {answer.Text}");
            return false;
        }, 180, () => "/exitstatus never answered after slurmctld returned");
        output.WriteLine($"/exitstatus after slurmctld returned: {final!.Text}");
        using var doc = JsonDocument.Parse(final.Body);
        Assert.Equal(1, doc.RootElement[0].GetInt32());
        Assert.Contains(doc.RootElement[2].EnumerateArray(), l => l.GetString()!.Contains("job ctld-outage started as", StringComparison.Ordinal));
        var running2 = await dssr.Get("/running");
        Assert.Equal(200, running2.Status);
        Assert.DoesNotContain($"\"{jobId}\"", running2.Text, StringComparison.Ordinal);
        _ = JsonDocument.Parse(running2.Body);
    }
}
