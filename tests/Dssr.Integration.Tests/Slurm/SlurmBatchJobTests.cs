using System.Text.Json;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>Batch jobs through their whole life on the test bed's Slurm, through the HTTP API only.</summary>
public sealed class SlurmBatchJobTests
{
    [Fact]
    public async Task A_batch_job_is_queued_runs_is_tailed_ends_0_with_its_logs_and_its_files_are_removed()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        // A begin time an hour away holds the job in the queue until the test brings it to now; the gate
        // keeps it running until the test has seen it run.
        using var gate = new JobGate();
        var jobId = await dssr.SubmitAsync(name, 11, UpstreamScripts.Batch("lifecycle", sleepSeconds: 3, gate: gate, devices: "sbatch_begin=now+3600"));

        Assert.Contains((name, jobId), await dssr.ListAsync("/queued"));
        var queuedStatus = await dssr.Post("/runstatus", SlurmService.JobArgs(name, 11, jobId));
        Assert.Equal($"[[\"\"],\"00:00:00\",\"{name}/11/{jobId}\",null]\n", queuedStatus.Text);
        var update = await BedShell.RunAsync("scontrol", "update", $"JobId={jobId}", "StartTime=now");
        Assert.True(update.ExitCode == 0, update.Stderr);

        await dssr.WaitForPhaseAsync(jobId, "running");
        var running = await dssr.Post("/runstatus", SlurmService.JobArgs(name, 11, jobId));
        using (var doc = JsonDocument.Parse(running.Body))
        {
            Assert.Equal("localhost", doc.RootElement[0][0].GetString());
            Assert.Matches(@"^\d\d:\d\d:\d\d$", doc.RootElement[1].GetString());
            Assert.Equal($"{name}/11/{jobId}", doc.RootElement[2].GetString());
        }

        await Poll.UntilAsync(async () =>
        {
            var tail = await dssr.Request($"{name}/11/{jobId}/tail", new() { ["lines"] = "5" });
            return tail.Status == 200 && tail.Text.Contains("job lifecycle started as", StringComparison.Ordinal);
        }, 30, () => "tail never showed the job's first line");

        var early = await dssr.Post("/exitstatus", SlurmService.JobArgs(name, 11, jobId));
        Assert.Equal(500, early.Status);
        Assert.Contains("still running", early.Text);
        Assert.True(await BedShell.ExistsAsync(TestBed.Settings(), $".jarvice/{name}.out"), "a running job's output must not be deleted");

        gate.Open();
        await dssr.WaitForPhaseAsync(jobId, "ended");
        var (rc, elapsed, logs, raw) = await dssr.ExitStatusAsync(name, 11, jobId);
        Assert.Equal(0, rc);
        Assert.Matches(@"^00:00:0[3-9]$|^00:00:[1-5]\d$|^00:0\d:\d\d$", elapsed); // at least the 3 s sleep after the gate
        Assert.Equal(2, logs.Length);
        Assert.Contains("job lifecycle done", logs[0]);
        Assert.Contains("JARVICE Job completed OK", logs[0]);
        Assert.Equal("<< termination state: COMPLETED -- see STDOUT for job errors >>", logs[1]);

        Assert.False(await BedShell.ExistsAsync(TestBed.Settings(), $".jarvice/{name}.out"), "the output file must be gone after /exitstatus");
        // Asking again is harmless: the same final state, nothing left to remove.
        var again = await dssr.ExitStatusAsync(name, 11, jobId);
        Assert.Equal(0, again.Rc);
    }

    [Fact]
    public async Task A_job_that_does_not_print_the_success_marker_ends_1_with_its_logs()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        var jobId = await dssr.SubmitAsync(name, 12, UpstreamScripts.Batch("failing", succeeds: false));

        await dssr.WaitForPhaseAsync(jobId, "ended");
        var (rc, elapsed, logs, _) = await dssr.ExitStatusAsync(name, 12, jobId);
        Assert.Equal(1, rc);
        Assert.Matches(@"^\d\d:\d\d:\d\d$", elapsed);
        Assert.Contains("JARVICE_CMD_FAILURE", logs[0]);
        Assert.Contains("JARVICE Job failed, investigate logs", logs[0]);
        Assert.Equal("<< termination state: FAILED -- see STDOUT for job errors >>", logs[1]);
    }

    [Fact]
    public async Task A_terminated_job_ends_minus_15_as_cancelled_not_minus_9()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        var jobId = await dssr.SubmitAsync(name, 13, UpstreamScripts.Batch("terminated", sleepSeconds: 120));
        await dssr.WaitForPhaseAsync(jobId, "running");

        var terminate = await dssr.Post("/terminate", SlurmService.JobArgs(name, 13, jobId));
        Assert.Equal(200, terminate.Status);
        Assert.Equal("true\n", terminate.Text);

        await dssr.WaitForPhaseAsync(jobId, "ended", 30);
        var (rc, _, logs, _) = await dssr.ExitStatusAsync(name, 13, jobId);
        Assert.Equal(-15, rc);
        Assert.Equal("<< termination state: CANCELLED -- see STDOUT for job errors >>", logs[1]);
        // Terminating a job that has ended already is not an error.
        Assert.Equal(200, (await dssr.Post("/terminate", SlurmService.JobArgs(name, 13, jobId))).Status);
    }

    [Fact]
    public async Task A_held_job_stays_queued_until_released_then_runs_to_0()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        var jobId = await dssr.SubmitAsync(name, 14, UpstreamScripts.Batch("held", devices: "sbatch_begin=now+3600"));
        // The operator holds it, then brings the begin time to now: only the hold keeps it waiting.
        var hold = await BedShell.RunAsync("scontrol", "hold", jobId);
        Assert.True(hold.ExitCode == 0, hold.Stderr);
        var update = await BedShell.RunAsync("scontrol", "update", $"JobId={jobId}", "StartTime=now");
        Assert.True(update.ExitCode == 0, update.Stderr);

        // A job submitted after the update that starts proves a scheduling pass has run since; a held job
        // that was not held would have started in it (it is older, the node has room for both).
        var control = await BedShell.RunAsync("sbatch", "--parsable", "-J", "dssr-control", "-o", "/dev/null", "--wrap", "sleep 1");
        Assert.True(control.ExitCode == 0, control.Stderr);
        var controlId = control.Stdout.Trim();
        await Poll.UntilAsync(async () =>
            !(await BedShell.RunAsync("scontrol", "show", "job", "-o", controlId)).Stdout.Contains("JobState=PENDING", StringComparison.Ordinal),
            60, () => $"the control job {controlId} never left PENDING");
        Assert.Equal("queued", await dssr.PhaseOfAsync(jobId));

        var release = await dssr.Post("/release", SlurmService.JobArgs(name, 14, jobId));
        Assert.Equal(200, release.Status);
        Assert.Equal("true\n", release.Text);
        await dssr.WaitForPhaseAsync(jobId, "ended");
        Assert.Equal(0, (await dssr.ExitStatusAsync(name, 14, jobId)).Rc);
    }

    [Fact]
    public async Task Events_show_slurms_view_of_the_job()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        var jobId = await dssr.SubmitAsync(name, 15, UpstreamScripts.Batch("events", devices: "sbatch_begin=now+3600"));
        var events = await dssr.Post("/events", SlurmService.JobArgs(name, 15, jobId));
        Assert.Equal(200, events.Status);
        Assert.Contains($"JobId={jobId}", events.Text);
        Assert.Contains($"JobName=jarvice_{name}", events.Text);
        Assert.Equal(200, (await dssr.Post("/terminate", SlurmService.JobArgs(name, 15, jobId))).Status);
    }
}
