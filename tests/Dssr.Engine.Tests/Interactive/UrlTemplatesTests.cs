using Dssr.Engine.Interactive;

namespace Dssr.Engine.Tests.Interactive;

/// <summary>Jarvice's URL substitutions with the job proxy's address in place of the container's.</summary>
public sealed class UrlTemplatesTests
{
    private static readonly JobSecrets Secrets = new("Pw0123456789abcdefghijkl", string.Concat(Enumerable.Repeat("0123456789abcdef", 8)));

    [Fact]
    public void Desktop_template_gets_the_public_address_without_the_container_port_and_the_password()
    {
        var url = UrlTemplates.Substitute(UrlTemplates.Desktop.Replace("%PUBLICADDR%/", "%PUBLICADDR%:5902/"), JobsDomain.Parse("example.com/job$"), 12, "n", Secrets);
        Assert.Equal("https://example.com/job12/vnc.html?password=Pw0123456789abcdefghijkl&autoconnect=true&reconnect=true", url);
    }

    [Fact]
    public void Every_substitution_is_made_and_the_scheme_is_the_proxys()
    {
        var template = "https://%PUBLICADDR%:8080/%BASEURL%?u=%NIMBIXUSER%&j=%JOBNAME%&a=%RANDOM16%&b=%RANDOM32%&c=%RANDOM64%&d=%RANDOM128%";
        var url = UrlTemplates.Substitute(template, JobsDomain.Parse("http://jobs.example.com:8000"), 7, "job_s1", Secrets);
        Assert.Equal($"http://job-7.jobs.example.com:8000//?u=nimbix&j=job_s1&a={Secrets.Token[..16]}&b={Secrets.Token[..32]}&c={Secrets.Token[..64]}&d={Secrets.Token}", url);
    }

    [Theory]
    [InlineData("https://%PUBLICADDR%:5902/?token=%RANDOM64%\n\n", null, "https://%PUBLICADDR%:5902/?token=%RANDOM64%")]
    [InlineData(null, "jupyter", UrlTemplates.Jupyter)]
    [InlineData(null, "desktop", UrlTemplates.Desktop)]
    [InlineData("  \n", null, UrlTemplates.Webshell)]
    [InlineData(null, "http://%PUBLICADDR%/x", "http://%PUBLICADDR%/x")]
    public void The_jobs_own_template_wins_then_the_configured_one_then_the_built_in(string? job, string? configured, string expected) =>
        Assert.Equal(expected, UrlTemplates.Resolve(job, configured));
}
