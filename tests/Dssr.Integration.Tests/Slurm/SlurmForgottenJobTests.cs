using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>Without accounting, Slurm forgets a job MinJobAge after its end; its exit status must survive that.</summary>
public sealed class SlurmForgottenJobTests
{
    [Fact]
    public async Task The_final_state_of_a_job_slurm_has_forgotten_is_still_answered()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName();
        var jobId = await dssr.SubmitAsync(name, 31, UpstreamScripts.Batch("forgotten", succeeds: false));
        await dssr.WaitForPhaseAsync(jobId, "ended");

        // slurmctld purges finished jobs older than MinJobAge about once a minute.
        await Poll.UntilAsync(async () =>
            (await BedShell.RunAsync("scontrol", "show", "job", jobId)).Stderr.Contains("Invalid job id", StringComparison.Ordinal),
            120, () => $"Slurm still knows job {jobId}");

        var (rc, elapsed, logs, _) = await dssr.ExitStatusAsync(name, 31, jobId);
        Assert.Equal(1, rc);
        Assert.Matches(@"^\d\d:\d\d:\d\d$", elapsed);
        Assert.Contains("job forgotten done", logs[0]);
        Assert.Equal("<< termination state: FAILED -- see STDOUT for job errors >>", logs[1]);
    }
}
