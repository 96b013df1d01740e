using Dssr.Connectors.Slurm.Interactive;
using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;

namespace Dssr.Connectors.Slurm.Tests;

/// <summary>Finding an interactive job's service (port file, NodeAddr), and signal.</summary>
public sealed class InteractiveRequestTests
{
    private static RequestQuery Query(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[p.Value]));

    [Theory]
    [InlineData("node7 23456\n", "node7", 23456)]
    [InlineData("  c-01.cluster 80 ", "c-01.cluster", 80)]
    public void A_service_file_names_the_node_and_port(string text, string node, int port) =>
        Assert.Equal((node, port), ServiceLocator.ParseServiceFile(text));

    [Theory]
    [InlineData("")]
    [InlineData("node7")]
    [InlineData("node7 0")]
    [InlineData("node7 70000")]
    [InlineData("node7 12 extra")]
    [InlineData("-oProxyCommand=x 22")]
    [InlineData("node;rm 22")]
    public void Anything_else_is_not_a_service_file_yet(string text) => Assert.Null(ServiceLocator.ParseServiceFile(text));

    [Fact]
    public void NodeAddr_is_read_from_scontrol_show_node() =>
        Assert.Equal("10.1.2.3", ServiceLocator.NodeAddr("NodeName=c1 Arch=x86_64 CoresPerSocket=1\n   NodeAddr=10.1.2.3 NodeHostName=c1 Version=22.05.8\n"));

    [Fact]
    public async Task The_service_is_located_as_the_owner_and_the_node_address_is_asked_once()
    {
        var shell = new FakeShell()
            .On(["cat", "--", ".jarvice/job_s1.svc"], 0, "c1 24001\n")
            .On(["cat", "--", ".jarvice/job_s1.url"], 0, "https://%PUBLICADDR%:5902/?token=%RANDOM64%\n")
            .On(["scontrol", "show", "node", "c1"], 0, "NodeName=c1 NodeAddr=10.0.0.9 NodeHostName=c1\n");
        await using var slurm = FakeCluster.Connector(shell);
        var job = new JobRef("job_s1", 7, "5", null, "RUNNING", JobSecrets.Generate());
        var first = await slurm.LocateServiceAsync(job, CancellationToken.None);
        var second = await slurm.LocateServiceAsync(job, CancellationToken.None);
        Assert.Equal(("10.0.0.9", 24001), (first!.Host, first.Port));
        Assert.Equal("https://%PUBLICADDR%:5902/?token=%RANDOM64%\n", first.UrlTemplate);
        Assert.Equal(second, first);
        Assert.Single(shell.Commands, c => c.Argv[0] == "scontrol");
    }

    [Fact]
    public async Task No_service_file_yet_means_not_located()
    {
        var shell = new FakeShell().On(["cat"], 1, stderr: "cat: .jarvice/job_s1.svc: No such file or directory\n");
        await using var slurm = FakeCluster.Connector(shell);
        Assert.Null(await slurm.LocateServiceAsync(new JobRef("job_s1", 7, "5", Secrets: JobSecrets.Generate()), CancellationToken.None));
    }

    [Fact]
    public async Task Signal_is_scancel_of_the_whole_job_and_answers_the_signal()
    {
        var shell = new FakeShell().On(["scancel"], 0);
        await using var slurm = FakeCluster.Connector(shell);
        var answer = await slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/signal"), Query(("signal", "18")), CancellationToken.None);
        Assert.Equal("{\"pid\":0,\"signal\":18}", answer.Content);
        Assert.Equal(["scancel", "-s", "18", "--full", "5"], shell.Commands.Single().Argv);

        await slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/signal"), RequestQuery.Empty, CancellationToken.None);
        Assert.Equal(["scancel", "-s", "20", "--full", "5"], shell.Commands[^1].Argv);
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/signal"), Query(("signal", "9;x")), CancellationToken.None));
        Assert.Equal("signal", bad.Field);
    }
}
