using Dssr.Scripting.Globals;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>The REPL's and scripts' cluster globals on the real test bed: Ssh, Diag, Render.</summary>
public sealed class ScriptGlobalsOnTheBedTests
{
    [Fact]
    public async Task Ssh_runs_on_the_login_node_through_the_connectors_transport_and_quotes_every_word()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        await using var globals = new ScriptGlobals(dssr.Service.Host);
        var version = await globals.Ssh("sinfo", "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("slurm", version.Stdout);
        Assert.Contains("22.05", version.Stdout);

        var canary = $"/tmp/dssr-canary-{Guid.NewGuid():N}";
        var hostile = $"a b;touch {canary} $(touch {canary}) `touch {canary}` '\"";
        var echoed = await globals.Ssh("printf", "%s", hostile);
        Assert.Equal(hostile, echoed.Stdout);
        Assert.False(File.Exists(canary));
    }

    [Fact]
    public async Task Diag_reports_every_check_passing_on_the_bed()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        await using var globals = new ScriptGlobals(dssr.Service.Host);
        var diagnosis = await globals.Diag();
        Assert.True(diagnosis.AllPassed, string.Join("\n", diagnosis.Checks.Select(c => $"{c.Name}: {c.Status} {c.Detail}")));
        Assert.Contains(diagnosis.Report, l => l.Contains("init report", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Render_shows_the_sbatch_arguments_and_the_script_a_job_would_get()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        await using var globals = new ScriptGlobals(dssr.Service.Host);
        var job = globals.Render(UpstreamScripts.Batch("render-global"), nodes: 2);
        Assert.Contains("--parsable", job.SbatchArguments);
        Assert.Contains("-N", job.SbatchArguments);
        Assert.Contains("render-global", job.Script);
    }
}
