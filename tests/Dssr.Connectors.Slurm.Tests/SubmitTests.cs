using System.Text;
using Dssr.Connectors.Slurm.Tests.Rendering;
using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Tests;

public sealed class SubmitTests
{
    [Fact]
    public async Task A_submit_is_one_remote_command_that_makes_the_output_folder_then_runs_sbatch()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "4242\n");
        await using var slurm = FakeCluster.Connector(shell);
        var script = Convert.ToBase64String(Encoding.UTF8.GetBytes(RenderFixture.Script()));
        var result = await slurm.SubmitAsync(new SubmitRequest(RenderFixture.Name, 1, 1, new Dictionary<string, string> { ["singularity"] = script }, "x"),
            CancellationToken.None);

        Assert.Equal("4242", result.JobId);
        var command = Assert.Single(shell.Commands);
        Assert.Equal(["sh", "-c"], command.Argv.Take(2));
        Assert.Equal([".jarvice", "sbatch", "--parsable"], command.Argv.Skip(4).Take(3));
        Assert.Equal(["mkdir", "-p", "--", ".jarvice"], command.Prelude);
        Assert.Equal("sbatch", command.Purpose[0]);
        Assert.Contains("jarvice_" + RenderFixture.Name, command.Purpose);
        Assert.NotNull(command.Stdin);
    }
}
