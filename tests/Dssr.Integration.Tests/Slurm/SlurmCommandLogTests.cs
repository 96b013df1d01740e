using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>The remote commands run for a job are kept with their exit codes, for the console's job detail.</summary>
public sealed class SlurmCommandLogTests
{
    [Fact]
    public async Task Sbatch_and_the_per_job_commands_are_logged_with_their_exit_codes()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName("cmdlog");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("cmdlog", sleepSeconds: 30));
        Assert.Equal(200, (await dssr.Post("/terminate", SlurmService.JobArgs(name, 1, jobId))).Status);

        var commands = dssr.Service.Host.Commands.Mentioning(jobId, "jarvice_" + name);
        var sbatch = Assert.Single(commands, c => c.Command.StartsWith("sbatch ", StringComparison.Ordinal));
        Assert.Equal(0, sbatch.ExitCode);
        Assert.Contains(commands, c => c.Command.StartsWith("scancel", StringComparison.Ordinal) && c.ExitCode == 0);
        Assert.All(commands, c => Assert.Contains("@127.0.0.1:", c.Destination));
    }

    [Fact]
    public async Task A_submit_is_one_remote_command_that_makes_the_output_folder_and_runs_sbatch()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var name = UpstreamScripts.NewName("onecmd");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("onecmd", sleepSeconds: 30));
        try
        {
            var submit = dssr.Service.Host.Commands.All().Where(c => c.Argv is ["sbatch", ..] or ["mkdir", ..]).ToList();
            var only = Assert.Single(submit);
            Assert.Equal(0, only.ExitCode);
            Assert.StartsWith("mkdir -p -- ", only.Prelude);
            Assert.Contains("jarvice_" + name, only.Argv!);
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(name, 1, jobId));
        }
    }
}
