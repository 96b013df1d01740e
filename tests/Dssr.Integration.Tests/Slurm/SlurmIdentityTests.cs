using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>Jobs run as the account the bearer's email maps to, and later calls act as the owner the journal recorded.</summary>
public sealed class SlurmIdentityTests
{
    [Fact]
    public async Task Two_mapped_users_each_run_their_jobs_as_themselves_and_get_their_own_logs()
    {
        using var state = new TempDirectory();
        var mapping = MappedUsers.WriteMappingFile(state.Path);
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_USERS_MAPPING_FILE"] = mapping });
        var first = UpstreamScripts.NewName();
        var second = UpstreamScripts.NewName();
        using var gate = new JobGate(); // Slurm forgets an ended job after MinJobAge: keep both alive until squeue has been read
        var firstId = await dssr.SubmitAsync(first, 21, UpstreamScripts.Batch("first", gate: gate), MappedUsers.Bearer(MappedUsers.FirstMail));
        var secondId = await dssr.SubmitAsync(second, 22, UpstreamScripts.Batch("second", gate: gate), MappedUsers.Bearer(MappedUsers.SecondMail));

        var owners = await BedShell.RunAsync("squeue", "-h", "-t", "all", "-j", $"{firstId},{secondId}", "-o", "%i %u");
        Assert.Contains($"{firstId} {TestBed.User}", owners.Stdout);
        Assert.Contains($"{secondId} {TestBed.Get("DSSR_TESTBED_USER2")}", owners.Stdout);

        gate.Open();
        await dssr.WaitForPhaseAsync(firstId, "ended");
        await dssr.WaitForPhaseAsync(secondId, "ended");
        var firstExit = await dssr.ExitStatusAsync(first, 21, firstId);
        var secondExit = await dssr.ExitStatusAsync(second, 22, secondId);
        Assert.Equal(0, firstExit.Rc);
        Assert.Equal(0, secondExit.Rc);
        Assert.Contains($"job first started as {TestBed.User}", firstExit.Logs[0]);
        Assert.Contains($"job second started as {TestBed.Get("DSSR_TESTBED_USER2")}", secondExit.Logs[0]);
        Assert.False(await BedShell.ExistsAsync(BedShell.User2Settings(), $".jarvice/{second}.out"));
    }

    [Fact]
    public async Task A_bearer_whose_email_is_not_mapped_is_a_400_and_no_job()
    {
        using var state = new TempDirectory();
        var mapping = MappedUsers.WriteMappingFile(state.Path);
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_USERS_MAPPING_FILE"] = mapping });
        var name = UpstreamScripts.NewName();
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 23, UpstreamScripts.Batch("stranger"), MappedUsers.Bearer("stranger@example.org")));
        Assert.Equal(400, answer.Status);
        Assert.Contains("bearer", answer.Text);
        Assert.DoesNotContain(await dssr.ListAsync("/queued"), j => j.Name == name);
    }

    [Fact]
    public async Task A_restarted_service_follows_a_running_job_to_its_end_as_its_owner()
    {
        using var state = new TempDirectory();
        var mapping = MappedUsers.WriteMappingFile(state.Path);
        var env = new Dictionary<string, string> { ["JARVICE_SLURM_USERS_MAPPING_FILE"] = mapping };
        var name = UpstreamScripts.NewName();
        string jobId;
        using var gate = new JobGate(); // the job runs until the restarted service has seen it running
        await using (var before = await SlurmService.StartAsync(state.Path, env))
        {
            jobId = await before.SubmitAsync(name, 24, UpstreamScripts.Batch("restart", gate: gate), MappedUsers.Bearer(MappedUsers.SecondMail));
            await before.WaitForPhaseAsync(jobId, "running");
        }

        await using var after = await SlurmService.StartAsync(state.Path, env);
        Assert.Contains((name, jobId), await after.ListAsync("/running"));
        // A retried submit after the restart gets the same job, not a second one.
        Assert.Equal(jobId, await after.SubmitAsync(name, 24, UpstreamScripts.Batch("restart", gate: gate), MappedUsers.Bearer(MappedUsers.SecondMail)));
        gate.Open();
        await after.WaitForPhaseAsync(jobId, "ended");
        var exit = await after.ExitStatusAsync(name, 24, jobId);
        Assert.Equal(0, exit.Rc);
        // The output sits in the second user's home: only that account could read it.
        Assert.Contains($"job restart started as {TestBed.Get("DSSR_TESTBED_USER2")}", exit.Logs[0]);
    }
}
