using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

public class JobRendererTests
{
    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Theory]
    [InlineData("JOBOBJ_APPDEFVERSION=1")]
    [InlineData("JOBOBJ_APPDEFVERSION=<drop>")]
    [InlineData("JOBOBJ_APPDEFVERSION=two")]
    public void Appdef_below_2_or_missing_is_bad_input(string line) =>
        Assert.Equal("hpc_script.singularity.JOBOBJ_APPDEFVERSION",
            Assert.Throws<InvalidInputException>(() => RenderFixture.Render(RenderFixture.Script(line))).Field);

    [Theory]
    [InlineData("JARVICE_CPU_CORES=<drop>")]
    [InlineData("JARVICE_CPU_CORES=0")]
    [InlineData("JOBOBJ_GPUS=-1")]
    [InlineData("JOBOBJ_RAM=lots")]
    public void Missing_or_bad_numbers_are_bad_input_naming_the_key(string line) =>
        Assert.Equal("hpc_script.singularity." + line.Split('=')[0],
            Assert.Throws<InvalidInputException>(() => RenderFixture.Render(RenderFixture.Script(line))).Field);

    [Theory]
    [InlineData("JOBOBJ_INTERACTIVE=True")]
    [InlineData("JOBOBJ_INTERACTIVE=<drop>")]
    public void Interactive_jobs_render(string line)
    {
        var job = RenderFixture.Render(RenderFixture.Script(line));
        Assert.Contains("--exclusive", job.SbatchArguments);
        Assert.StartsWith("#!/bin/bash\n", job.Script);
    }

    [Fact]
    public void Missing_JARVICE_CMD_exports_an_empty_command_not_None()
    {
        var job = RenderFixture.Render(RenderFixture.Script("JARVICE_CMD=<drop>"));
        Assert.Contains("\nexport JARVICE_CMD=\n", job.TaskScript);
    }

    [Fact]
    public void Nodes_below_one_are_bad_input() =>
        Assert.Equal("nodes", Assert.Throws<InvalidInputException>(() => RenderFixture.Render(RenderFixture.Script(), nodes: 0)).Field);

    [Fact]
    public void Script_too_large_for_the_environment_is_bad_input()
    {
        var big = RenderFixture.Script() + "# " + new string('x', JobRenderer.MaxTaskScriptBytes) + "\n";
        Assert.Equal("hpc_script.singularity", Assert.Throws<InvalidInputException>(() => RenderFixture.Render(big)).Field);
    }

    [Fact]
    public void Fscript_redacts_every_credential_and_keeps_the_rest()
    {
        var ctr = B64("{\"auths\":{\"us-docker.pkg.dev\":{\"auth\":\"" + B64("appuser-1:apppass-2") + "\"}}}");
        var docker = "{{\"server\":\"quay.io\",\"username\":\"dockeruser-3\",\"password\":\"dockerpass-4\"}}";
        var script = RenderFixture.Script("JOBOBJ_CTRSECRET=" + ctr, "JOBOBJ_DOCKER_SECRET=" + docker) + "echo copy: appuser-1 apppass-2\n";
        var job = RenderFixture.Render(script);

        string[] secrets = ["appuser-1", "apppass-2", B64("appuser-1"), B64("apppass-2"), ctr, "dockeruser-3", "dockerpass-4",
            RenderFixture.InitPassword, B64(RenderFixture.InitPassword), B64(RenderFixture.InitUser), RenderFixture.InitUser];
        // What is sent holds them (so the check below can fail), what is returned does not.
        foreach (var sent in new[] { "apppass-2", B64("apppass-2"), ctr, "dockerpass-4", B64(RenderFixture.InitPassword) })
            Assert.Contains(sent, job.Script);
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, job.Fscript);
        Assert.Contains("export JARVICE_DOCKER_PASSWORD='<redacted>'\n", job.Fscript);
        Assert.Contains("export JARVICE_INIT_DOCKER_USERNAME='<redacted>'\n", job.Fscript);
        Assert.Contains("JOBOBJ_CTRSECRET='<redacted>'\n", job.Fscript);
        Assert.Contains("JOBOBJ_DOCKER_SECRET='<redacted>'\n", job.Fscript);
        Assert.Contains("export JARVICE_APP_IMAGE=docker://us-docker.pkg.dev/jarvice-apps/images/app:latest\n", job.Fscript);
        Assert.EndsWith("\n", job.Fscript);
    }

    [Fact]
    public void Rendered_job_text_shows_the_command_line_but_no_script() =>
        Assert.DoesNotContain("init-secret", RenderFixture.Render(RenderFixture.Script()).ToString());

    [Fact]
    public void JARVICE_CMD_is_re_exported_with_its_doubled_braces_made_single_like_the_upstream_line()
    {
        var job = RenderFixture.Render(RenderFixture.Script("JARVICE_CMD='echo ${{HOME}} {{}}'"));
        Assert.Contains("\nJARVICE_CMD='echo ${HOME} {}'\n", job.TaskScript);
        Assert.Contains("\nexport JARVICE_CMD='echo ${HOME} {}'\n", job.TaskScript);
    }
}
