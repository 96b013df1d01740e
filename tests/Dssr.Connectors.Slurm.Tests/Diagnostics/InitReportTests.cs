using Dssr.Engine.Diagnostics;
using Dssr.Engine.Remote;

using Dssr.Connectors.Slurm.Diagnostics;

namespace Dssr.Connectors.Slurm.Tests.Diagnostics;

public sealed class InitReportTests
{
    private static readonly SshSettings Ssh = new() { Host = "login.example", Port = 2222, User = "jarvice" };

    [Fact]
    public void Keeps_the_original_box_and_headings()
    {
        var lines = InitReport.Lines(Ssh, new Dictionary<string, string>());
        Assert.Equal("+----- Slurm Scheduler init report -----+", lines[0]);
        Assert.Equal(41, lines[0].Length);
        Assert.Equal("+" + new string('-', 39) + "+", lines[^1]);
        Assert.Contains("|-- SSH connection to target cluster:", lines);
        Assert.Contains("|     host: login.example", lines);
        Assert.Contains("|     port: 2222", lines);
        Assert.Contains("|     jarvice user: jarvice", lines);
        Assert.Contains("|-- Script environment:", lines);
        Assert.Contains("|-- Singularity environment:", lines);
        Assert.Contains("|     overlay size: 600", lines);
    }

    [Fact]
    public void Masks_proxy_passwords_and_leaves_registry_credentials_out()
    {
        var env = new Dictionary<string, string>
        {
            ["JARVICE_BAREMETAL_HTTP_PROXY"] = "http://bob:s3cret@proxy:3128",
            ["JARVICE_DOCKER_USERNAME"] = "X2pzb25fa2V5",
            ["JARVICE_DOCKER_PASSWORD"] = "cGFzc3dvcmQ=",
            ["JARVICE_JOB_SCRATCH_DIR"] = "/scratch",
        };
        var text = string.Join('\n', InitReport.Lines(Ssh, env));
        Assert.Contains("|     http_proxy: http://bob:***@proxy:3128", text);
        Assert.Contains("|     Jobs scratch dir: /scratch/", text);
        Assert.DoesNotContain("s3cret", text);
        Assert.DoesNotContain("X2pzb25fa2V5", text);
        Assert.DoesNotContain("cGFzc3dvcmQ=", text);
    }

    [Theory]
    [InlineData("http://proxy:3128", "http://proxy:3128")]
    [InlineData("https://u:p@h", "https://u:***@h")]
    [InlineData("a http://x:y@h, https://z:w@k", "a http://x:***@h, https://z:***@k")]
    public void Url_passwords_are_masked(string value, string masked) =>
        Assert.Equal(masked, SecretMasking.MaskUrlCredentials(value));
}
