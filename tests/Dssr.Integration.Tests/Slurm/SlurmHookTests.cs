using Dssr.Connectors.Slurm;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Hooks;
using Dssr.Testing;

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

    private async Task<SlurmService> StartWithHookAsync(string file, string code, string timeoutSeconds = "20")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_hooks.Path, HookDeclaration.PreSubmit)).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, file), code);
        var env = SlurmService.Environment(new()
        {
            [HookSettings.Dir] = _hooks.Path,
            [HookSettings.TimeoutSeconds] = timeoutSeconds,
            ["DSSR_SCRIPT_CACHE"] = Path.Combine(_state.Path, "cache"),
        });
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
        var env = SlurmService.Environment(new() { [HookSettings.RemoteCommand] = hook, [HookSettings.TimeoutSeconds] = "20" });
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
}
