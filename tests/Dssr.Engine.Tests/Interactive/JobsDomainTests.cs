using Dssr.Engine.Configuration;
using Dssr.Engine.Interactive;

namespace Dssr.Engine.Tests.Interactive;

/// <summary>JARVICE_JOBS_DOMAIN in Jarvice's forms, and the job a proxied request is for.</summary>
public sealed class JobsDomainTests
{
    [Fact]
    public void Bare_domain_is_host_based_over_https()
    {
        var d = JobsDomain.Parse("Jobs.Example.com");
        Assert.False(d.IsPathBased);
        Assert.Equal("job-12.jobs.example.com", d.PublicAddress(12));
        Assert.Equal("job-12.jobs.example.com", d.ConnectAddress(12));
        Assert.Equal("https://job-12.jobs.example.com/", d.BaseUrl(12));
        Assert.Equal("/", d.BasePath(12));
        Assert.Equal(12, d.JobOfHost("job-12.jobs.example.com:443"));
        Assert.Null(d.JobOfHost("job-12.other.com"));
        Assert.Null(d.JobOfHost("job-x.jobs.example.com"));
        Assert.Null(JobsDomain.IngressPath(d, 12));
    }

    [Fact]
    public void Dollar_path_is_path_based_and_a_url_form_sets_scheme_and_port()
    {
        var d = JobsDomain.Parse("example.com/job$");
        Assert.True(d.IsPathBased);
        Assert.Equal("example.com/job7", d.PublicAddress(7));
        Assert.Equal("example.com", d.ConnectAddress(7));
        Assert.Equal("/job7", d.BasePath(7));
        Assert.Equal(7, d.JobOfPath("/job7/vnc.html"));
        Assert.Equal(7, d.JobOfPath("/job7"));
        Assert.Null(d.JobOfPath("/job/x"));
        Assert.Null(d.JobOfPath("/running"));
        Assert.Equal("job7", JobsDomain.IngressPath(d, 7));

        var u = JobsDomain.Parse("http://myingress.io:8080/job$");
        Assert.Equal("http://myingress.io:8080/job3/", u.BaseUrl(3));
        Assert.Equal("myingress.io:8080", u.ConnectAddress(3));
    }

    [Fact]
    public void No_domain_means_path_based_on_the_api_listener()
    {
        Assert.Equal("job5", JobsDomain.IngressPath(null, 5));
        var d = JobsDomain.OnListener("http://0.0.0.0:5000");
        Assert.Equal("http://127.0.0.1:5000/job5/", d.BaseUrl(5));
    }

    [Theory]
    [InlineData("ftp://x.com", "scheme")]
    [InlineData("x.com/a/job$", "only one /")]
    [InlineData("x.com/job", "exactly one $")]
    [InlineData("x.com:99999/job$", "port")]
    [InlineData("x com", "host name")]
    [InlineData("x.com/jo;b$", "letters, digits")]
    public void Malformed_domain_is_refused_naming_the_setting(string value, string why)
    {
        var e = Assert.Throws<ConfigurationException>(() => JobsDomain.Parse(value));
        Assert.StartsWith("JARVICE_JOBS_DOMAIN: ", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void Interactive_settings_refuse_a_bad_variable_name_and_a_bad_ttl()
    {
        Assert.Contains(InteractiveSettings.PasswordEnvSetting,
            Assert.Throws<ConfigurationException>(() => InteractiveSettings.Read(new Dictionary<string, string> { [InteractiveSettings.PasswordEnvSetting] = "A;B" })).Message);
        Assert.Contains(InteractiveSettings.IdleTtlSetting,
            Assert.Throws<ConfigurationException>(() => InteractiveSettings.Read(new Dictionary<string, string> { [InteractiveSettings.IdleTtlSetting] = "0" })).Message);
        var s = InteractiveSettings.Read(new Dictionary<string, string> { [InteractiveSettings.TokenEnvSetting] = "A, B_2" });
        Assert.Equal(["A", "B_2"], s.TokenEnv);
    }
}
