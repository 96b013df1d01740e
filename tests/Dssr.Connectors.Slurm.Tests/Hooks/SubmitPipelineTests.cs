using System.Text;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Connectors.Slurm.Rendering;
using Dssr.Connectors.Slurm.Tests.Rendering;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Dssr.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Connectors.Slurm.Tests.Hooks;

/// <summary>The submit's named steps with hooks given by a fake compiler (the real one is Roslyn's, tested in Dssr.Scripting.Tests and on the bed).</summary>
public sealed class SubmitPipelineTests : IDisposable
{
    private readonly TempDirectory _hooks = new();

    public void Dispose() => _hooks.Dispose();

    private sealed class FakeCompiler(Dictionary<string, Func<PreSubmitHook, Task>> byFile) : IHookCompiler
    {
        public Func<object, Task> Compile(string path, Type globalsType, string? cacheDirectory) =>
            g => byFile[Path.GetFileName(path)]((PreSubmitHook)g);
    }

    private SlurmConnector Connector(FakeShell shell, Dictionary<string, Func<PreSubmitHook, Task>> hooks, string timeout = "5")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_hooks.Path, HookDeclaration.PreSubmit)).FullName;
        foreach (var file in hooks.Keys) File.WriteAllText(Path.Combine(folder, file), "// compiled by the fake");
        var env = FakeCluster.Environment(new() { [HookSettings.Dir] = _hooks.Path, [HookSettings.TimeoutSeconds] = timeout });
        return new SlurmConnector(new ConnectorContext("test", env, _hooks.Path, TimeProvider.System, NullLoggerFactory.Instance)
        {
            Shells = new ShellProvider(new CommandLog(), NullLogger.Instance, _ => shell),
        }, new FakeCompiler(hooks));
    }

    private static SubmitRequest Request(params string[] lines) => RenderFixture.Request(RenderFixture.Script(lines));

    [Fact]
    public async Task Every_step_runs_in_order_and_is_kept_for_the_job_with_one_line_each()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "77\n");
        await using var slurm = FakeCluster.Connector(shell);
        await slurm.SubmitAsync(Request(), CancellationToken.None);

        var steps = slurm.Steps.Of(RenderFixture.Name);
        Assert.Equal(["decode", "map-user", "resources", "pre-submit", "render", "stage", "sbatch", "journal"], steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.True(s.Ok));
        Assert.Matches(@"^step map-user  jarvice  OK  \d+ ms$", steps[1].Line);
        Assert.Equal("77", steps[^2].Result);
        Assert.Contains("+ user: jarvice", steps[1].Diff);
    }

    [Fact]
    public async Task Without_hooks_sbatch_receives_the_same_argv_and_script_as_the_renderer_makes()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "77\n");
        await using var slurm = FakeCluster.Connector(shell);
        var request = Request("JOBOBJ_DEVICES=[\"partition=batch\",\"sbatch_comment=x y\"]", "JOBOBJ_WALLTIME=01:00:00");
        await slurm.SubmitAsync(request, CancellationToken.None);

        var expected = JobRenderer.Render(request, slurm.Settings.Singularity);
        var sent = Assert.Single(shell.Commands);
        Assert.Equal(["sbatch", .. expected.SbatchArguments], sent.Argv.SkipWhile(a => a != "sbatch"));
        Assert.Equal(expected.Script, Encoding.UTF8.GetString(sent.Stdin!));
    }

    [Fact]
    public async Task A_hook_sets_account_qos_partition_time_and_a_variable()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "78\n");
        await using var slurm = Connector(shell, new()
        {
            ["10-site.csx"] = h =>
            {
                h.Job.Account = "physics";
                h.Job.Qos = "long";
                h.Job.Partition = "gpu";
                h.Job.Time = Res.Duration("1d2h");
                h.Job.Env["SITE_NOTE"] = "it's here";
                return Task.CompletedTask;
            },
        });
        await slurm.SubmitAsync(Request("JOBOBJ_DEVICES=[\"partition=batch\"]"), CancellationToken.None);

        var argv = Assert.Single(shell.Commands).Argv;
        Assert.Contains("--account=physics", argv);
        Assert.Contains("--qos=long", argv);
        Assert.Contains("--partition=gpu", argv);
        Assert.Contains("--time=1-02:00:00", argv);
        Assert.DoesNotContain("batch", argv);
        Assert.Contains("export SITE_NOTE='it'\\''s here'\n", Encoding.UTF8.GetString(shell.Commands[0].Stdin!));
        Assert.Contains("+ sbatch: --account=physics", slurm.Steps.Of(RenderFixture.Name)[3].Diff);
    }

    [Fact]
    public async Task A_refusing_hook_is_bad_input_naming_the_hook_and_nothing_runs()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "79\n");
        await using var slurm = Connector(shell, new() { ["cap.csx"] = h => { h.Refuse("no GPU jobs this week"); return Task.CompletedTask; } });
        var e = await Assert.ThrowsAsync<InvalidInputException>(() => slurm.SubmitAsync(Request(), CancellationToken.None));

        Assert.Equal("hook pre-submit/cap.csx", e.Field);
        Assert.Contains("no GPU jobs this week", e.Message);
        Assert.Empty(shell.Commands);
        var last = slurm.Steps.Of(RenderFixture.Name)[^1];
        Assert.Equal(("pre-submit", false), (last.Step, last.Ok));
    }

    [Fact]
    public async Task A_hook_that_sets_an_option_outside_the_allowlist_fails_the_submit()
    {
        var shell = new FakeShell();
        await using var slurm = Connector(shell, new() { ["bad.csx"] = h => { h.Job.Sbatch.Add("--uid=0"); return Task.CompletedTask; } });
        var e = await Assert.ThrowsAsync<HookFailedException>(() => slurm.SubmitAsync(Request(), CancellationToken.None));
        Assert.Contains("--uid=0", e.Message);
        Assert.Empty(shell.Commands);
    }

    [Fact]
    public async Task A_slow_hook_fails_the_submit_with_its_time_limit_unless_optional()
    {
        var shell = new FakeShell().On(["sh", "-c"], 0, "80\n");
        Func<PreSubmitHook, Task> slow = h => Task.Delay(TimeSpan.FromSeconds(30), h.Cancellation);
        await using (var slurm = Connector(shell, new() { ["slow.csx"] = slow }, timeout: "0.2"))
        {
            var e = await Assert.ThrowsAsync<HookFailedException>(() => slurm.SubmitAsync(Request(), CancellationToken.None));
            Assert.Contains("pre-submit/slow.csx", e.Message);
            Assert.Contains("time limit of 0.2 s", e.Message);
        }
        Directory.Delete(Path.Combine(_hooks.Path, HookDeclaration.PreSubmit), recursive: true);
        await using (var slurm = Connector(shell, new() { ["slow.optional.csx"] = slow }, timeout: "0.2"))
        {
            var result = await slurm.SubmitAsync(Request(), CancellationToken.None);
            Assert.Equal("80", result.JobId);
            Assert.Contains("failed (optional)", slurm.Steps.Of(RenderFixture.Name)[3].Result);
        }
    }

    [Fact]
    public async Task The_plan_runs_no_command_and_shows_what_a_hook_changed()
    {
        var shell = new FakeShell();
        await using var slurm = Connector(shell, new() { ["acct.csx"] = h => { h.Job.Account = "chem"; return Task.CompletedTask; } });
        var plan = await slurm.PlanAsync(Request(), "alice", CancellationToken.None);

        Assert.Empty(shell.Commands);
        Assert.True(plan.Ok);
        Assert.Contains("--account=chem", plan.SbatchArgv);
        Assert.Contains("step pre-submit  acct.csx ok  OK\n    + sbatch: --account=chem\n", plan.Text());
        Assert.Contains("step sbatch  (not run) sbatch ", plan.Text());
        Assert.Contains("# hooks\npre-submit/acct.csx\n", plan.Text());
    }
}

/// <summary>The remote pre-submit hook's answers, on a fake login node.</summary>
public sealed class RemoteHookTests
{
    private static readonly Dssr.Connectors.Slurm.Submit.Submission Job = new("20240101120000-ABCDE-app-me_s1", 1, "test")
    {
        User = "alice",
        SbatchOptions = ["--parsable", "-J", "jarvice_x", "-N", "1"],
    };

    private static Task<Dssr.Connectors.Slurm.Submit.Submission> Run(string stdout, int exit = 0) =>
        new RemoteHook(["/opt/site/hook", "--submit"], TimeSpan.FromSeconds(5))
            .RunAsync(Job, new FakeShell().On(["/opt/site/hook"], exit, stdout, "no table"), CancellationToken.None);

    [Fact]
    public async Task The_hook_reads_the_submission_and_its_changes_are_taken()
    {
        var shell = new FakeShell().On(["/opt/site/hook"], 0, """{"sbatch_options":["--parsable","-J","jarvice_x","-N","1","--qos=long"],"environment":{"A":"b'c"}}""");
        var changed = await new RemoteHook(["/opt/site/hook"], TimeSpan.FromSeconds(5)).RunAsync(Job, shell, CancellationToken.None);

        Assert.Contains("--qos=long", changed.SbatchOptions);
        Assert.Equal("b'c", changed.Environment["A"]);
        var sent = System.Text.Encoding.UTF8.GetString(Assert.Single(shell.Commands).Stdin!);
        Assert.Contains("\"user\":\"alice\"", sent);
        Assert.Contains("\"sbatch_options\":[\"--parsable\"", sent);
    }

    [Fact]
    public async Task A_refusal_is_bad_input_naming_the_hook()
    {
        var e = await Assert.ThrowsAsync<InvalidInputException>(() => Run("""{"refuse":"over quota"}"""));
        Assert.Equal("hook pre-submit/remote hook", e.Field);
        Assert.Contains("over quota", e.Message);
    }

    [Theory]
    [InlineData("not json", 0, "did not print the submission back as JSON")]
    [InlineData("{}", 3, "exited 3: no table")]
    [InlineData("""{"sbatch_options":["--uid=0"]}""", 0, "is not an sbatch option a hook may set")]
    public async Task A_failing_or_wrong_answer_fails_the_submit_naming_the_command(string stdout, int exit, string problem)
    {
        var e = await Assert.ThrowsAsync<HookFailedException>(() => Run(stdout, exit));
        Assert.Contains("/opt/site/hook --submit", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
