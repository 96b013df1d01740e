using Dssr.Engine.Jobs;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>
/// The scripts in scripts/, run through <c>dssr script</c> as an operator runs them. One class per
/// script so that xunit runs them side by side (each run starts a process and compiles).
/// </summary>
public abstract class ScriptsFolderTest : IDisposable
{
    protected readonly TempDirectory State = new();

    public void Dispose() => State.Dispose();

    protected Dictionary<string, string> Env(params (string, string)[] extra)
    {
        // One cache for every run of these scripts: each is compiled once per build, not once per test.
        var env = new Dictionary<string, string>
        {
            ["DSSR_STATE_DIR"] = State.Path,
            ["DSSR_SCRIPT_CACHE"] = Path.Combine(AppContext.BaseDirectory, "script-cache"),
        };
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    protected static string Script(string name) => Path.Combine("scripts", name);
}

public class CheckClusterScriptTests : ScriptsFolderTest
{
    [Fact]
    public async Task Check_cluster_passes_every_check_on_the_dummy_cluster()
    {
        var run = await DssrScriptProcess.StartAsync(Env(), Script("check-cluster.csx"));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("cluster default (dummy)", run.Stdout);
        foreach (var check in new[] { "initialised", "reachable", "/gc", "queue", "/running", "/queued" })
            Assert.Matches($@"(?m)^{check}\s+ok\s+\d+ ms", run.Stdout);
        Assert.Contains("every check passed", run.Stdout);
    }

    [Fact]
    public async Task Check_cluster_exits_3_and_names_the_fix_when_the_cluster_is_unreachable()
    {
        var run = await DssrScriptProcess.StartAsync(
            Env(("JARVICE_BAREMETAL_CONNECTOR", ScriptConnectorTests.ExampleConnector), ("MEMORY_CONNECTOR_UNREACHABLE", "1")),
            Script("check-cluster.csx"));
        Assert.True(run.ExitCode == 3, run.Stdout + run.Stderr);
        Assert.Matches(@"(?m)^reachable\s+FAIL\s+\d+ ms$", run.Stdout);
        Assert.Contains("reachable: the connector's reachability probe said no; check the cluster's address, credentials and that its login node is up\n", run.Stdout);
        Assert.Matches(@"(?m)^/gc\s+FAIL", run.Stdout);
        Assert.Matches(@"(?m)^queue\s+ok", run.Stdout);
        Assert.Contains("2 check(s) failed", run.Stdout);
    }

    [Fact]
    public async Task Check_cluster_on_an_unknown_cluster_is_exit_1_with_one_line()
    {
        var run = await DssrScriptProcess.StartAsync(Env(), Script("check-cluster.csx"), "nope");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("dssr script: ArgumentException: no cluster 'nope'; the clusters are default (Parameter 'name')\n", run.Stderr);
    }
}

public class JobsByStateScriptTests : ScriptsFolderTest
{
    [Fact]
    public async Task Jobs_by_state_counts_the_journal_and_lists_one_state()
    {
        var journal = new SqliteJobJournal(State.Path);
        var at = DateTimeOffset.Parse("2026-01-01T12:00:00Z");
        void Add(long n, string? last, string? final) =>
            journal.RecordSubmitted(new JobRecord("default", "job-" + n, n, "dummy_" + n, null, at.AddMinutes(n), at, last, final, null, ""));
        Add(1, "RUNNING", null);
        Add(2, "RUNNING", null);
        Add(3, "COMPLETED", "COMPLETED");
        Add(4, null, null);

        var counts = await DssrScriptProcess.StartAsync(Env(), Script("jobs-by-state.csx"));
        Assert.True(counts.ExitCode == 0, counts.Stderr);
        Assert.Equal("State      Jobs\n---------  ----\nRUNNING    2\nCOMPLETED  1\nSUBMITTED  1\n(3 items)\n", counts.Stdout);

        var running = await DssrScriptProcess.StartAsync(Env(), Script("jobs-by-state.csx"), "running");
        Assert.True(running.ExitCode == 0, running.Stderr);
        var rows = running.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^JobId\s+Name\s+Number\s+State", rows[0]);
        Assert.Equal(["dummy_2", "dummy_1"], rows.Skip(2).Take(2).Select(r => r.Split(' ')[0]));
        Assert.Equal("(2 items)", rows[^1]);
    }
}

public class RenderJobScriptTests : ScriptsFolderTest
{
    [Fact]
    public async Task Render_job_shows_the_upstream_script_redacts_credentials_and_says_what_rendering_needs()
    {
        var file = Path.Combine(State.Path, "job.b64");
        var upstream = "#!/bin/bash\nJARVICE_CMD='echo hi'\nJARVICE_API_TOKEN=s3cr3t-value\nexec true\n";
        File.WriteAllText(file, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(upstream)));

        var run = await DssrScriptProcess.StartAsync(Env(), Script("render-job.csx"), file);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("encoding  base64 (as in hpc_script)", run.Stdout);
        Assert.Matches(@"(?m)^Key\s+Value$", run.Stdout);
        Assert.Matches(@"(?m)^JARVICE_CMD\s+'echo hi'$", run.Stdout);
        Assert.Matches(@"(?m)^JARVICE_API_TOKEN\s+<redacted>$", run.Stdout);
        Assert.DoesNotContain("s3cr3t", run.Stdout + run.Stderr);
        Assert.Contains("Not rendered: set JARVICE_SYSTEM_REGISTRY", run.Stdout);
    }

    [Fact]
    public async Task Render_job_prints_the_sbatch_arguments_and_the_redacted_script()
    {
        var env = Env();
        env["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev";
        env["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images";
        var sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "samples", "batch.sh");
        var run = await DssrScriptProcess.StartAsync(env, Script("render-job.csx"), Path.GetFullPath(sample));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"(?m)^sbatch .*--parsable", run.Stdout);
        Assert.Contains("#!/bin/bash", run.Stdout);
    }
}

public class RenderPlanScriptTests : ScriptsFolderTest
{
    [Fact]
    public async Task A_script_reads_the_named_steps_of_a_render_and_uses_the_Res_helpers()
    {
        var env = Env();
        env["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev";
        env["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images";
        var sample = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "samples", "batch.sh"));
        var script = Path.Combine(State.Path, "plan.csx");
        File.WriteAllText(script, """
            var plan = Render(File.ReadAllText(Args[0])).Plan!;
            foreach (var s in plan.Steps) Console.WriteLine($"{s.Step} {s.Ok}");
            Console.WriteLine(plan.SbatchArgv[0]);
            Console.WriteLine(Res.Duration("1d2h30m"));
            """);
        var run = await DssrScriptProcess.StartAsync(env, script, sample);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(
            ["decode True", "map-user True", "resources True", "pre-submit True", "render True", "stage True", "sbatch True", "journal True", "sbatch", "1-02:30:00"],
            run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
