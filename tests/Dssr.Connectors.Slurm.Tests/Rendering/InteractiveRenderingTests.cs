using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Interactive;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>An interactive job's script: a free port and the secrets for the container, a 0600 port file, nothing secret in fscript or argv.</summary>
public class InteractiveRenderingTests
{
    private static InteractiveRendering Published(FakeSlurm slurm, JobSecrets secrets, string? ingress = "job42") =>
        new(secrets, ["JARVICE_JOB_PASSWORD", "NIMBIX_PASSWORD"], ["JARVICE_JOBTOKEN"],
            Path.Combine(slurm.Root, "job.svc"), Path.Combine(slurm.Root, "job.url"), ingress);

    private static string Upstream(string interactive, params string[] body) =>
        string.Join('\n', new[]
        {
            "#!/bin/bash", $"JOBOBJ_INTERACTIVE={interactive}", "JOBOBJ_APPDEFVERSION=2", "JARVICE_CPU_CORES=2",
            "JOBOBJ_REPO=reg.io/apps/desk:1", "JARVICE_CMD=true", "{DOWNSTREAM_PARAMETERS}",
        }.Concat(body)) + "\n";

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Interactive_job_gets_a_free_port_its_secrets_and_the_ingress_path_and_publishes_the_port_in_a_0600_file()
    {
        using var slurm = new FakeSlurm();
        var secrets = JobSecrets.Generate();
        var script = Upstream("True",
            "printf '%s' \"$SINGULARITYENV_JARVICE_SERVICE_PORT\" > \"$DSSR_TEST_OUT/port\"",
            "printf '%s' \"$SINGULARITYENV_JARVICE_JOB_PASSWORD|$SINGULARITYENV_NIMBIX_PASSWORD\" > \"$DSSR_TEST_OUT/password\"",
            "printf '%s' \"$SINGULARITYENV_JARVICE_JOBTOKEN\" > \"$DSSR_TEST_OUT/token\"",
            "printf '%s' \"$SINGULARITYENV_JARVICE_INGRESSPATH\" > \"$DSSR_TEST_OUT/ingress\"",
            "echo JARVICE_CMD_SUCCESS");
        var interactive = Published(slurm, secrets);
        var job = JobRenderer.Render(RenderFixture.Request(script), RenderFixture.Settings(), interactive);

        var run = slurm.RunBatch(job.Script);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var port = int.Parse(slurm.Seen("port"));
        Assert.InRange(port, InteractiveWrapper.FirstPort, InteractiveWrapper.FirstPort + InteractiveWrapper.PortCount - 1);
        Assert.Equal($"fake1 {port}\n", File.ReadAllText(interactive.ServiceFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(interactive.ServiceFile));
        Assert.Equal($"{secrets.Password}|{secrets.Password}", slurm.Seen("password"));
        Assert.Equal(secrets.Token, slurm.Seen("token"));
        Assert.Equal("job42", slurm.Seen("ingress"));
        Assert.Same(secrets, job.Secrets);
    }

    [Fact]
    public void Interactive_secrets_are_in_no_argument_and_redacted_in_fscript()
    {
        using var slurm = new FakeSlurm();
        var secrets = JobSecrets.Generate();
        var job = JobRenderer.Render(RenderFixture.Request(Upstream("True", "echo JARVICE_CMD_SUCCESS")), RenderFixture.Settings(), Published(slurm, secrets));

        Assert.Contains(secrets.Password, job.Script);
        Assert.Contains(secrets.Token, job.Script);
        Assert.DoesNotContain(secrets.Password, job.Fscript);
        Assert.DoesNotContain(secrets.Token, job.Fscript);
        Assert.Contains("export SINGULARITYENV_JARVICE_JOB_PASSWORD='<redacted>'", job.Fscript);
        Assert.DoesNotContain(job.SbatchArguments, a => a.Contains(secrets.Password) || a.Contains(secrets.Token));
        Assert.DoesNotContain(secrets.Password, job.ToString());
        Assert.DoesNotContain(secrets.Password, secrets.ToString());
    }

    [Fact]
    public void Interactive_script_fscript_and_task_script_pass_shellcheck()
    {
        using var slurm = new FakeSlurm();
        var job = JobRenderer.Render(RenderFixture.Request(RenderFixture.Sample("interactive.sh")), RenderFixture.Settings(), Published(slurm, JobSecrets.Generate()));
        foreach (var (what, text) in new[] { ("script", job.Script), ("fscript", job.Fscript) })
        {
            var check = ShellRun.Run("shellcheck", ["-s", "bash", "-"], text);
            Assert.True(check.ExitCode == 0, $"shellcheck on the {what}:\n" + check.Stdout);
        }
        var task = ShellRun.Run("shellcheck", ["-s", "bash", "-e", "SC2034,SC2016,SC2140", "-"], job.TaskScript);
        Assert.True(task.ExitCode == 0, "shellcheck on the task script:\n" + task.Stdout);
    }

    [Fact]
    public void Host_based_routing_exports_no_ingress_path()
    {
        using var slurm = new FakeSlurm();
        var script = Upstream("True", "printf '%s' \"${{SINGULARITYENV_JARVICE_INGRESSPATH-unset}}\" > \"$DSSR_TEST_OUT/ingress\"", "echo JARVICE_CMD_SUCCESS");
        var job = JobRenderer.Render(RenderFixture.Request(script), RenderFixture.Settings(), Published(slurm, JobSecrets.Generate(), ingress: null));

        var run = slurm.RunBatch(job.Script);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("unset", slurm.Seen("ingress"));
    }

    [Fact]
    public void Batch_job_renders_as_without_interactive_settings_and_keeps_no_secrets()
    {
        using var slurm = new FakeSlurm();
        var script = Upstream("False", "echo JARVICE_CMD_SUCCESS");
        var plain = JobRenderer.Render(RenderFixture.Request(script), RenderFixture.Settings());
        var withSettings = JobRenderer.Render(RenderFixture.Request(script), RenderFixture.Settings(), Published(slurm, JobSecrets.Generate()));

        Assert.Equal(plain.Script, withSettings.Script);
        Assert.Equal(plain.Fscript, withSettings.Fscript);
        Assert.Null(withSettings.Secrets);
        Assert.Contains("export SINGULARITYENV_JARVICE_SERVICE_PORT=2228\n", plain.Script);
    }

    [Fact]
    public void Generated_secrets_are_long_url_safe_and_never_repeat()
    {
        var all = Enumerable.Range(0, 200).Select(_ => JobSecrets.Generate()).ToList();
        Assert.All(all, s =>
        {
            Assert.Equal(JobSecrets.PasswordLength, s.Password.Length);
            Assert.Equal(JobSecrets.TokenLength, s.Token.Length);
            Assert.True(s.Password.All(char.IsAsciiLetterOrDigit) && s.Token.All(char.IsAsciiLetterOrDigit));
        });
        Assert.Equal(all.Count, all.Select(s => s.Password).Distinct().Count());
        Assert.Equal(all.Count, all.Select(s => s.Token).Distinct().Count());
        Assert.Equal(all[0].Token[..64], all[0].Random(64));
    }
}
