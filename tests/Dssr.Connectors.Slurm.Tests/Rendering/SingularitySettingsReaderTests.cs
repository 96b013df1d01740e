using Dssr.Engine.Configuration;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

public class SingularitySettingsReaderTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["JARVICE_SYSTEM_REGISTRY"] = "reg.io",
        ["JARVICE_SYSTEM_REPO_BASE"] = "sys/images",
    };

    [Fact]
    public void Defaults_are_the_originals()
    {
        var s = SingularitySettingsReader.Read(Minimal(), "x86_64");
        Assert.Equal(("singularity", "latest", "/tmp", "false", 600, "", ""),
            (s.Executor, s.ImagesTag, s.SingularityTmpdir, s.SingularityVerbose, s.OverlaySizeMb, s.ScratchDir, s.InitRegistryUsername));
    }

    [Fact]
    public void Unset_global_registries_match_no_image()
    {
        // The original turned an unset value into [''], which is a substring of every image.
        var s = SingularitySettingsReader.Read(Minimal(), "x86_64");
        Assert.Empty(s.GlobalRegistries);
        var job = UpstreamJob.Read(new UpstreamScript("singularity", RenderFixture.Script()));
        Assert.False(ImageReferences.Resolve(job, s, "f").AppIsInGlobalRegistries);
    }

    [Fact]
    public void Last_global_registry_gets_no_trailing_slash()
    {
        var env = Minimal();
        env["JARVICE_JOB_GLOBAL_REGISTRIES"] = "a.io/x, us-docker.pkg.dev/jarvice-apps";
        var s = SingularitySettingsReader.Read(env, "x86_64");
        Assert.Equal(["a.io/x", "us-docker.pkg.dev/jarvice-apps"], s.GlobalRegistries);
        var job = UpstreamJob.Read(new UpstreamScript("singularity", RenderFixture.Script()));
        Assert.True(ImageReferences.Resolve(job, s, "f").AppIsInGlobalRegistries);
    }

    [Theory]
    [InlineData("/scratch", "/scratch/")]
    [InlineData("/scratch/", "/scratch/")]
    [InlineData("", "")]
    public void Scratch_dir_ends_in_a_slash_when_set(string value, string expected)
    {
        var env = Minimal();
        env["JARVICE_JOB_SCRATCH_DIR"] = value;
        Assert.Equal(expected, SingularitySettingsReader.Read(env, "x86_64").ScratchDir);
    }

    [Theory]
    [InlineData("JARVICE_SYSTEM_REGISTRY", null)]
    [InlineData("JARVICE_SYSTEM_REPO_BASE", null)]
    [InlineData("JARVICE_DOCKER_PASSWORD", "not base64!")]
    [InlineData("JARVICE_SINGULARITY_OVERLAY_SIZE", "-1")]
    [InlineData("JARVICE_REGISTRY_PROXY_PORT", "99999")]
    [InlineData("JARVICE_REGISTRY_PROXY_REPOS", null)]
    [InlineData("JARVICE_LOCAL_REPO_BASE", null)]
    public void Bad_configuration_names_the_variable(string variable, string? value)
    {
        var env = Minimal();
        if (variable == "JARVICE_REGISTRY_PROXY_REPOS") env["JARVICE_REGISTRY_PROXY_PORT"] = "5000";
        if (variable == "JARVICE_LOCAL_REPO_BASE") env["JARVICE_LOCAL_REGISTRY"] = "local:5000";
        if (value is null) env.Remove(variable); else env[variable] = value;
        var e = Assert.Throws<ConfigurationException>(() => SingularitySettingsReader.Read(env, "x86_64"));
        Assert.StartsWith(variable + ":", e.Message);
    }

    [Fact]
    public void Settings_text_never_shows_the_registry_password()
    {
        var s = RenderFixture.Settings();
        Assert.DoesNotContain("init-secret", s.ToString());
    }
}
