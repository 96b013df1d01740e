using Dssr.Engine.Connectors;
using Dssr.Engine.Configuration;

namespace Dssr.Connectors.Slurm.Tests;

public sealed class RequestTests
{
    private static RequestQuery Query(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[p.Value]));

    [Fact]
    public async Task Tail_lines_are_bounded_by_the_configured_maximum()
    {
        var shell = new FakeShell().On(["tail"], 0, "x\n");
        await using var slurm = FakeCluster.Connector(shell, new() { ["JARVICE_SLURM_TAIL_MAX_LINES"] = "500" });
        var answer = await slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/tail"), Query(("lines", "99999999")), CancellationToken.None);
        Assert.Equal(200, answer.Status);
        Assert.Equal(["tail", "-n", "500", "--", ".jarvice/job_s1.out"], shell.Commands.Single().Argv);
    }

    [Fact]
    public async Task Tail_of_a_job_with_no_output_yet_is_404()
    {
        var shell = new FakeShell().On(["tail"], 1, stderr: "tail: cannot open\n");
        await using var slurm = FakeCluster.Connector(shell);
        Assert.Equal(404, (await slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/tail"), RequestQuery.Empty, CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("job_s1/1/5", 200)]
    [InlineData("job_s1/1/5/ping", 200)]
    [InlineData("job_s1/1/5/screenshot", 404)]
    public async Task Job_methods_answer_as_the_upstream_expects(string path, int status)
    {
        await using var slurm = FakeCluster.Connector(new FakeShell());
        Assert.Equal(status, (await slurm.RequestAsync(RequestPath.Parse(path), RequestQuery.Empty, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Shutdown_cancels_the_job_as_its_recorded_owner()
    {
        var shell = new FakeShell().On(["scancel"], 0);
        var opened = new List<string>();
        await using var slurm = new SlurmConnector(
            new ConnectorContext("t", FakeCluster.Environment(), Path.GetTempPath(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            {
                Shells = new Engine.Remote.ShellProvider(new Engine.Remote.CommandLog(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
                    s => { opened.Add(s.User); return shell; }),
            });
        var answer = await slurm.RequestAsync(RequestPath.Parse("job_s1/1/5/shutdown") with { Owner = "jarvice" }, RequestQuery.Empty, CancellationToken.None);
        Assert.Equal(200, answer.Status);
        Assert.Equal(["scancel", "5"], shell.Commands.Single().Argv);
        Assert.Equal(["jarvice"], opened);
    }

    [Fact]
    public async Task Pvcls_lists_only_under_the_configured_roots_with_the_path_as_one_word()
    {
        var shell = new FakeShell().On(["find"], 0, "/data/scratch/a b/\n");
        await using var slurm = FakeCluster.Connector(shell, new() { ["JARVICE_SLURM_PVCLS_ROOTS"] = "/scratch" });
        var ok = await slurm.RequestAsync(RequestPath.Parse("pvcls"), Query(("path", "/scratch/a b")), CancellationToken.None);
        Assert.Equal(200, ok.Status);
        Assert.Equal("/scratch/a b", shell.Commands[0].Argv[1]);
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.RequestAsync(RequestPath.Parse("pvcls"), Query(("path", "/etc")), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.RequestAsync(RequestPath.Parse("pvcls"), Query(("path", "/scratch/../etc")), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.RequestAsync(RequestPath.Parse("pvcls"), Query(("path", "/scratchy")), CancellationToken.None));
    }

    [Fact]
    public async Task Pvcls_is_refused_when_no_root_is_configured()
    {
        var shell = new FakeShell();
        await using var slurm = FakeCluster.Connector(shell);
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            slurm.RequestAsync(RequestPath.Parse("pvcls"), Query(("path", "/")), CancellationToken.None));
        Assert.Empty(shell.Commands);
    }

    [Fact]
    public void The_http_interface_is_refused_at_start_as_not_supported_yet()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            FakeCluster.Connector(new FakeShell(), new() { ["JARVICE_SLURM_INTERFACE"] = "http" }));
        Assert.Contains("not supported yet", error.Message);
    }
}
