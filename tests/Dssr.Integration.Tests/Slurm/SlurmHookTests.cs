using Dssr.Connectors.Slurm;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Connectors;
using Dssr.Engine.Logging;
using Dssr.Scripting.Hooks;
using Dssr.Testing;
using Serilog;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>Site hooks written as .csx files, compiled by Roslyn, run by the real service on the real Slurm of the test bed.</summary>
public sealed class SlurmHookTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly TempDirectory _hooks = new();

    public void Dispose()
    {
        _state.Dispose();
        _hooks.Dispose();
    }

    /// <summary>
    /// The bed's settings with this test's hooks folder. Hooks compile (Roslyn, seconds of CPU) while the first connection
    /// opens: a connect timeout of 20 s keeps a loaded machine from failing a test that is not about timeouts.
    /// </summary>
    private Dictionary<string, string> HookEnvironment(string timeoutSeconds) => SlurmService.Environment(new()
    {
        [HookSettings.Dir] = _hooks.Path,
        [HookSettings.TimeoutSeconds] = timeoutSeconds,
        ["DSSR_SCRIPT_CACHE"] = Path.Combine(_state.Path, "cache"),
        ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "20",
    });

    private async Task<SlurmService> StartWithHookAsync(string file, string code, string timeoutSeconds = "20")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_hooks.Path, HookDeclaration.PreSubmit)).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, file), code);
        var env = HookEnvironment(timeoutSeconds);
        return new SlurmService(await TestService.StartAsync(new ConnectorRegistry().AddSlurm(new ScriptHookCompiler()), _state.Path, env));
    }

    [Fact]
    public async Task A_hook_that_sets_account_and_qos_shows_them_in_the_real_job()
    {
        await using var dssr = await StartWithHookAsync("10-account.csx", """
            // Every job of this site is charged to physics, at the long QOS.
            Job.Account = "physics";
            Job.Qos = "long";
            """);
        var name = UpstreamScripts.NewName("hookacct");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("hookacct", sleepSeconds: 30));
        try
        {
            var job = await BedShell.RunAsync("scontrol", "show", "job", jobId);
            Assert.True(job.Succeeded, job.Stderr);
            Assert.Contains("Account=physics", job.Stdout);
            // The bed's Slurm keeps no accounting (AccountingStorageType=none), so it has no QOS table: it takes --qos
            // and shows QOS=(null). What sbatch received is read from the command log instead.
            var sbatch = Assert.Single(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..] && c.Argv.Contains("jarvice_" + name));
            Assert.Contains("--qos=long", sbatch.Argv!);
            Assert.Contains("--account=physics", sbatch.Argv!);
            var steps = ((SlurmConnector)dssr.Service.Host.Clusters.Default.Connector).Steps.Of(name);
            Assert.Contains("+ sbatch: --account=physics", steps.Single(s => s.Step == "pre-submit").Diff);
            // What the console's job detail shows: one line per step, then what it changed.
            var lines = ((ISubmitStepSource)dssr.Service.Host.Clusters.Default.Connector).SubmitSteps(name);
            Assert.Contains(lines, l => l.StartsWith("step map-user  ", StringComparison.Ordinal) && l.Contains("  OK  ", StringComparison.Ordinal));
            Assert.Contains("    + sbatch: --account=physics", lines);
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(name, 1, jobId));
        }
    }

    [Fact]
    public async Task A_refusing_hook_gives_the_upstream_a_400_with_its_message_and_makes_no_Slurm_job()
    {
        await using var dssr = await StartWithHookAsync("20-policy.csx", """
            if (Job.Field("JOBOBJ_NAE") == "app-batch")
                Refuse("app-batch is not run on this cluster; ask for app-batch2");
            """);
        var name = UpstreamScripts.NewName("hookno");
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("hookno")));

        Assert.Equal(400, answer.Status);
        Assert.Contains("hook pre-submit/20-policy.csx", answer.Text);
        Assert.Contains("app-batch is not run on this cluster", answer.Text);
        var queue = await BedShell.RunAsync("squeue", "-h", "-n", "jarvice_" + name, "-o", "%i");
        Assert.True(queue.Succeeded, queue.Stderr);
        Assert.Equal("", queue.Stdout.Trim());
        Assert.DoesNotContain(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..]);
    }

    [Fact]
    public async Task A_hook_that_throws_fails_the_submit_naming_its_file_line_and_time_limit()
    {
        await using var dssr = await StartWithHookAsync("30-broken.csx", """
            var limit = 3;
            if (limit > 2)
                throw new InvalidOperationException("the site's account table is missing");
            """);
        var name = UpstreamScripts.NewName("hookthrow");
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("hookthrow")));

        Assert.Equal(500, answer.Status);
        Assert.Contains("30-broken.csx:3", answer.Text);
        Assert.Contains("the site's account table is missing", answer.Text);
        Assert.Contains("time limit 20 s", answer.Text);
        Assert.DoesNotContain(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..]);
    }

    [Fact]
    public async Task A_slow_hook_fails_the_submit_naming_its_file_line_and_time_limit()
    {
        await using var dssr = await StartWithHookAsync("40-slow.csx", """
            Log("asking the site's allocation service");
            await Task.Delay(TimeSpan.FromMinutes(5), Cancellation);
            """, timeoutSeconds: "1");
        var name = UpstreamScripts.NewName("hookslow");
        // The first submit may include the hook's first compile; the limit is for running it.
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("hookslow")));

        Assert.Equal(500, answer.Status);
        Assert.Contains("40-slow.csx:2", answer.Text);
        Assert.Contains("time limit of 1 s", answer.Text);
    }

    [Fact]
    public async Task A_remote_hook_reads_the_submission_as_json_and_prints_it_back_with_a_quote_in_a_value()
    {
        // The login node is this machine: the hook is a file the job's user can run.
        var hook = Path.Combine(_hooks.Path, "site-policy.sh");
        await File.WriteAllTextAsync(hook, """
            #!/bin/sh
            # Adds a comment holding a quote to the sbatch options, and a variable for the job, then prints the JSON back.
            sed -e 's/"sbatch_options":\[/"sbatch_options":["--comment=it'"'"'s site policy",/' \
                -e 's/"environment":{}/"environment":{"SITE_NOTE":"o'"'"'brien"}/'
            """);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_hooks.Path, File.GetUnixFileMode(_hooks.Path) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var env = HookEnvironment("20");
        env.Remove(HookSettings.Dir);
        env[HookSettings.RemoteCommand] = hook;
        await using var dssr = new SlurmService(await TestService.StartAsync(new ConnectorRegistry().AddSlurm(new ScriptHookCompiler()), _state.Path, env));

        var name = UpstreamScripts.NewName("hookremote");
        var jobId = await dssr.SubmitAsync(name, 1, UpstreamScripts.Batch("hookremote", sleepSeconds: 30));
        try
        {
            var job = await BedShell.RunAsync("scontrol", "show", "job", jobId);
            Assert.True(job.Succeeded, job.Stderr);
            Assert.Contains("Comment=it's site policy", job.Stdout);
            var ran = Assert.Single(dssr.Service.Host.Commands.All(), c => c.Argv is [var first, ..] && first == hook);
            Assert.Equal(0, ran.ExitCode);
            var sbatch = Assert.Single(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..] && c.Argv.Contains("jarvice_" + name));
            Assert.Contains("--comment=it's site policy", sbatch.Argv!);
            var steps = ((SlurmConnector)dssr.Service.Host.Clusters.Default.Connector).Steps.Of(name);
            Assert.Contains("+ env.SITE_NOTE: o'brien", steps.Single(s => s.Step == "pre-submit").Diff);
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(name, 1, jobId));
        }
    }

    /// <summary>
    /// The example webhook hook (scripts/hooks/post-exit) and one that throws, on a service that logs to a file; started
    /// again on the same state folder as a restart is.
    /// </summary>
    private async Task<(SlurmService Service, Serilog.Core.Logger Log)> StartWithPostExitHooksAsync(string logFile)
    {
        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var serilog = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new TextWriterSink(writer, new PythonLineFormatter())).CreateLogger();
        var env = HookEnvironment("20");
        var service = new SlurmService(await TestService.StartAsync(new ConnectorRegistry().AddSlurm(new ScriptHookCompiler()), _state.Path, env, log: serilog));
        return (service, serilog);
    }

    private static async Task StopAsync((SlurmService Service, Serilog.Core.Logger Log) running)
    {
        await running.Service.DisposeAsync(); // waits for post-exit work still running
        await running.Log.DisposeAsync();
    }

    [Fact]
    public async Task A_post_exit_hook_runs_once_per_job_after_exitstatus_across_a_restart_and_a_failing_one_changes_nothing()
    {
        using var webhook = new WebhookListener();
        var folder = Directory.CreateDirectory(Path.Combine(_hooks.Path, HookDeclaration.PostExit)).FullName;
        File.Copy(Path.Combine(Repository.Root, "scripts", "hooks", "post-exit", "50-webhook.csx"), Path.Combine(folder, "50-webhook.csx"));
        await File.WriteAllTextAsync(Path.Combine(folder, "webhook.url"), webhook.Url);
        await File.WriteAllTextAsync(Path.Combine(folder, "90-archive.csx"), """
            Log("archiving the job's output");
            throw new InvalidOperationException("the archive is full");
            """);
        var logFile = Path.Combine(_state.Path, "dssr.log");
        var first = UpstreamScripts.NewName("postexit");
        var second = UpstreamScripts.NewName("postexit");

        var running = await StartWithPostExitHooksAsync(logFile);
        string firstId, secondId;
        try
        {
            var dssr = running.Service;
            firstId = await dssr.SubmitAsync(first, 1, UpstreamScripts.Batch("postexit", succeeds: false));
            secondId = await dssr.SubmitAsync(second, 2, UpstreamScripts.Batch("postexit"));
            await dssr.WaitForPhaseAsync(firstId, "ended", 60);
            await dssr.WaitForPhaseAsync(secondId, "ended", 60);

            var (rc, _, _, _) = await dssr.FinalExitStatusAsync(first, 1, firstId);
            Assert.Equal(1, rc); // the failing hook changes nothing
            var body = Assert.Single(await webhook.WaitForAsync(1, 60));
            Assert.Contains($"\"jobid\":\"{firstId}\"", body);
            Assert.Contains($"\"name\":\"{first}\"", body);
            Assert.Contains("\"exit_code\":1", body);
            Assert.Contains("\"state\":\"FAILED\"", body);
            Assert.Contains("\"cluster\":\"default\"", body);

            // Asked again (an upstream retry): the answer stands, the hooks do not run again.
            var again = await dssr.Post("/exitstatus", SlurmService.JobArgs(first, 1, firstId));
            Assert.Equal(200, again.Status);
            Assert.StartsWith("[1,", again.Text);
        }
        finally
        {
            await StopAsync(running);
        }

        // The second job ended before the restart and is first asked after it; the first is asked once more.
        running = await StartWithPostExitHooksAsync(logFile);
        try
        {
            var dssr = running.Service;
            var (rc, _, _, _) = await dssr.FinalExitStatusAsync(second, 2, secondId);
            Assert.Equal(0, rc);
            var bodies = await webhook.WaitForAsync(2, 60);
            Assert.Contains($"\"jobid\":\"{secondId}\"", bodies[1]);
            Assert.Equal(200, (await dssr.Post("/exitstatus", SlurmService.JobArgs(first, 1, firstId))).Status);
        }
        finally
        {
            await StopAsync(running);
        }
        Assert.Equal(2, webhook.Bodies.Count);
        var log = await File.ReadAllTextAsync(logFile);
        Assert.Equal(2, CountOf(log, "Post-exit hook post-exit/50-webhook.csx ran for job"));
        Assert.Equal(2, CountOf(log, "the archive is full"));
        Assert.Contains("90-archive.csx:2", log);
        Assert.Contains("its exit status stands", log);
    }

    private static int CountOf(string text, string what) => text.Split(what).Length - 1;

    [Fact]
    public async Task The_example_hooks_charge_the_account_cap_the_time_send_gpu_jobs_to_gpu_and_post_the_end_to_a_webhook()
    {
        using var webhook = new WebhookListener();
        // The shipped examples, as a site would install them, with the webhook's address beside its hook.
        var source = Path.Combine(Repository.Root, "scripts", "hooks");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_hooks.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        await File.WriteAllTextAsync(Path.Combine(_hooks.Path, HookDeclaration.PostExit, "webhook.url"), webhook.Url);
        var env = HookEnvironment("20");
        await using var dssr = new SlurmService(await TestService.StartAsync(new ConnectorRegistry().AddSlurm(new ScriptHookCompiler()), _state.Path, env));

        // A CPU job of dssrtest (accounts.csv: physics) that asks for no time limit: capped at two days.
        var cpu = UpstreamScripts.NewName("hookexamples");
        var cpuId = await dssr.SubmitAsync(cpu, 1, UpstreamScripts.Batch("hookexamples"));
        var sbatch = Assert.Single(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..] && c.Argv.Contains("jarvice_" + cpu));
        Assert.Contains("--account=physics", sbatch.Argv!);
        Assert.Contains("--time=2-00:00:00", sbatch.Argv!);
        var shown = await BedShell.RunAsync("scontrol", "show", "job", cpuId);
        Assert.True(shown.Succeeded, shown.Stderr);
        Assert.Contains("Account=physics", shown.Stdout);
        Assert.Contains("TimeLimit=2-00:00:00", shown.Stdout);

        await dssr.WaitForPhaseAsync(cpuId, "ended", 60);
        Assert.Equal(0, (await dssr.FinalExitStatusAsync(cpu, 1, cpuId)).Rc);
        var body = Assert.Single(await webhook.WaitForAsync(1, 60));
        Assert.Contains($"\"jobid\":\"{cpuId}\"", body);
        Assert.Contains("\"state\":\"COMPLETED\"", body);
        Assert.Contains($"\"user\":\"{TestBed.User}\"", body);

        // A GPU job goes to the gpu partition (the bed has none, so Slurm may refuse it: what was asked is in the command log).
        var gpu = UpstreamScripts.NewName("hookexamples");
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(gpu, 2, UpstreamScripts.Batch("hookexamples").Replace("JOBOBJ_GPUS=0", "JOBOBJ_GPUS=1", StringComparison.Ordinal)));
        var gpuSbatch = Assert.Single(dssr.Service.Host.Commands.All(), c => c.Argv is ["sbatch", ..] && c.Argv.Contains("jarvice_" + gpu));
        var gpuArgv = $" {string.Join(' ', gpuSbatch.Argv!)} ";
        Assert.True(gpuArgv.Contains(" --partition=gpu ", StringComparison.Ordinal), $"sbatch of the GPU job:{gpuArgv}");
        if (answer.Status == 200) await dssr.Post("/terminate", SlurmService.JobArgs(gpu, 2, JsonDocumentId(answer)));
        else Assert.StartsWith("{\"error\":\"sbatch failed", answer.Text); // the bed's Slurm has no GPUs: refused by Slurm, not by Dssr
    }

    private static string JsonDocumentId(Answer answer)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(answer.Body);
        return doc.RootElement[0].GetString()!;
    }
}
