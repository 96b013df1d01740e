using Dssr.Engine.Remote;
using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

public class ImageAndCredentialTests
{
    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static UpstreamJob Job(params string[] lines) => UpstreamJob.Read(new UpstreamScript("singularity", RenderFixture.Script(lines)));

    [Theory]
    [InlineData("jarvice-3.24.5-amd64", "x86_64", "arm64", "jarvice-3.24.5-arm64")]
    [InlineData("jarvice-3.24.5-amd64", "x86_64", "x86_64", "jarvice-3.24.5-amd64")]
    [InlineData("jarvice-3.24.5-amd64", "x86_64", null, "jarvice-3.24.5-amd64")]
    [InlineData("jarvice-3.24.5", "x86_64", "arm64", "jarvice-3.24.5")]
    [InlineData("amd64", "x86_64", "arm64", "amd64")]
    [InlineData("latest", "x86_64", "arm64", "latest")]
    public void Init_tag_arch_suffix_follows_the_job(string tag, string host, string? job, string expected) =>
        Assert.Equal(expected, ImageReferences.InitTag(tag, host, job));

    [Fact]
    public void Init_image_uses_appdef_version_and_rewritten_tag()
    {
        var images = ImageReferences.Resolve(Job("JOBOBJ_APPDEFVERSION=3", "JOBOBJ_ARCH=arm64"), RenderFixture.Settings(), "f");
        Assert.Equal("docker://us-docker.pkg.dev/jarvice-system/images/initv3:jarvice-3.24.5-arm64", images.InitImage);
    }

    [Fact]
    public void Local_registry_serves_the_app_by_name()
    {
        var s = RenderFixture.Settings(e => { e["JARVICE_LOCAL_REGISTRY"] = "cache:5000"; e["JARVICE_LOCAL_REPO_BASE"] = "mirror"; });
        Assert.Equal("docker://cache:5000/mirror/myapp:latest", ImageReferences.Resolve(Job("JOBOBJ_NAE=myapp"), s, "f").AppImage);
    }

    [Fact]
    public void Proxied_repositories_are_pulled_through_localhost()
    {
        var s = RenderFixture.Settings(e => { e["JARVICE_REGISTRY_PROXY_PORT"] = "5001"; e["JARVICE_REGISTRY_PROXY_REPOS"] = "docker.io/library,us-docker.pkg.dev/jarvice-apps"; });
        Assert.Equal("docker://localhost:5001/jarvice-apps/images/app:latest", ImageReferences.Resolve(Job(), s, "f").AppImage);
        Assert.Equal("docker://quay.io/x/y:1", ImageReferences.Resolve(Job("JOBOBJ_REPO=quay.io/x/y:1"), s, "f").AppImage);
    }

    [Fact]
    public void Missing_repo_is_bad_input_naming_it() =>
        Assert.Equal("hpc_script.singularity.JOBOBJ_REPO",
            Assert.Throws<InvalidInputException>(() => RenderFixture.Render(RenderFixture.Script("JOBOBJ_REPO=<drop>"))).Field);

    private static string CtrSecret(params (string Server, string User, string Pass)[] auths) =>
        B64("{\"auths\":{" + string.Join(',', auths.Select(a => $"\"{a.Server}\":{{\"auth\":\"{B64(a.User + ":" + a.Pass)}\"}}")) + "}}");

    [Fact]
    public void Container_secret_entry_for_the_image_registry_is_used()
    {
        var job = Job("JOBOBJ_CTRSECRET=" + CtrSecret(("https://quay.io/v1/", "q", "qp"), ("us-docker.pkg.dev", "u", "p:with:colons")));
        Assert.Equal(new RegistryCredentials("u", "p:with:colons"), RegistryCredentials.ForApp("us-docker.pkg.dev/jarvice-apps/images/app:latest", job, "f"));
    }

    [Fact]
    public void Two_part_image_names_count_as_docker_hub()
    {
        var job = Job("JOBOBJ_CTRSECRET=" + CtrSecret(("https://index.docker.io/v1/", "hub", "hp"), ("myreg.io", "m", "mp")));
        Assert.Equal(new RegistryCredentials("hub", "hp"), RegistryCredentials.ForApp("myreg.io/img", job, "f"));
    }

    [Fact]
    public void Docker_secret_for_the_registry_wins_and_doubled_braces_are_read()
    {
        var job = Job("JOBOBJ_CTRSECRET=" + CtrSecret(("us-docker.pkg.dev", "u", "p")),
            "JOBOBJ_DOCKER_SECRET={{\"server\":\"https://us-docker.pkg.dev\",\"username\":\"d\",\"password\":\"dp\"}}");
        Assert.Equal(new RegistryCredentials("d", "dp"), RegistryCredentials.ForApp("us-docker.pkg.dev/a/b:1", job, "f"));
    }

    [Fact]
    public void No_matching_entry_means_empty_credentials() =>
        Assert.Equal(RegistryCredentials.None, RegistryCredentials.ForApp("us-docker.pkg.dev/a/b:1", Job("JOBOBJ_CTRSECRET=" + CtrSecret(("quay.io", "q", "p"))), "f"));

    [Theory]
    [InlineData("JOBOBJ_CTRSECRET=not-base64!")]
    [InlineData("JOBOBJ_CTRSECRET=bm90IGpzb24=")]   // "not json"
    public void Unreadable_container_secret_is_bad_input(string line) =>
        Assert.Equal("hpc_script.singularity.JOBOBJ_CTRSECRET",
            Assert.Throws<InvalidInputException>(() => RenderFixture.Render(RenderFixture.Script(line))).Field);

    [Fact]
    public void Credentials_reach_the_script_in_base64()
    {
        var job = RenderFixture.Render(RenderFixture.Script("JOBOBJ_CTRSECRET=" + CtrSecret(("us-docker.pkg.dev", "appuser", "apppass"))));
        Assert.Contains($"export JARVICE_DOCKER_USERNAME={ShellQuoting.Quote(B64("appuser"))}\n", job.Script);
        Assert.Contains($"export JARVICE_DOCKER_PASSWORD={ShellQuoting.Quote(B64("apppass"))}\n", job.Script);
        Assert.Contains($"export JARVICE_INIT_DOCKER_USERNAME={ShellQuoting.Quote(B64(RenderFixture.InitUser))}\n", job.Script);
        Assert.Contains($"export JARVICE_INIT_DOCKER_PASSWORD={ShellQuoting.Quote(B64(RenderFixture.InitPassword))}\n", job.Script);
    }
}
