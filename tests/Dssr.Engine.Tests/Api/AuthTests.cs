using System.Net.Http.Headers;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Api;

public class AuthTests
{
    private static Dictionary<string, string> WithKey() => new() { ["JARVICE_SCHED_SERVER_KEY"] = "upstream:s3cret:with:colons" };

    [Fact]
    public async Task Without_a_server_key_the_api_is_open()
    {
        await using var api = await ApiFixture.StartAsync();
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }

    [Theory]
    [InlineData("/running")]
    [InlineData("/gc")]
    [InlineData("/nodes")]
    public async Task With_a_server_key_routes_need_basic_auth(string route)
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        var denied = await Answer.Of(api.Service.Http.GetAsync(route));
        Assert.Equal(401, denied.Status);
        Assert.Equal("application/json", denied.ContentType);

        api.Service.UseBasicAuth("upstream", "wrong");
        Assert.Equal(401, (await Answer.Of(api.Service.Http.GetAsync(route))).Status);

        api.Service.UseBasicAuth("upstream", "s3cret:with:colons");
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync(route))).Status);
    }

    [Fact]
    public async Task Post_routes_are_refused_before_their_arguments_are_read()
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        var answer = await Answer.Of(api.Service.PostArgs("/terminate", """{"name":"a","number":1,"jobid":"1"}"""));
        Assert.Equal(401, answer.Status);
        Assert.Empty(api.Connector.Calls);
    }

    [Theory]
    [InlineData("/live")]
    [InlineData("/ready")]
    public async Task Probes_stay_open(string route)
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync(route))).Status);
    }

    [Fact]
    public async Task A_garbled_authorization_header_is_a_401_not_a_500()
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        api.Service.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "%%%not-base64");
        Assert.Equal(401, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }

    [Fact]
    public async Task After_ten_failed_authentications_in_a_minute_an_address_is_answered_429_even_with_the_right_key()
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        api.Service.UseBasicAuth("upstream", "guess");
        for (var i = 0; i < 10; i++)
            Assert.Equal(401, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);

        var limited = await api.Service.Http.GetAsync("/running");
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Contains("too many failed authentications", await limited.Content.ReadAsStringAsync());

        // The right key is not even looked at until the minute ends: guessing gains nothing from the answers.
        api.Service.UseBasicAuth("upstream", "s3cret:with:colons");
        Assert.Equal(429, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/live"))).Status); // probes stay open
        Assert.Empty(api.Connector.Calls);
    }

    [Fact]
    public async Task A_client_that_authenticates_is_never_limited()
    {
        await using var api = await ApiFixture.StartAsync(WithKey());
        api.Service.UseBasicAuth("upstream", "s3cret:with:colons");
        for (var i = 0; i < 50; i++)
            Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }

    [Fact]
    public async Task The_limit_is_a_setting_and_zero_turns_it_off()
    {
        await using var api = await ApiFixture.StartAsync(new(WithKey()) { ["DSSR_AUTH_FAILURES_PER_MINUTE"] = "0" });
        api.Service.UseBasicAuth("upstream", "guess");
        for (var i = 0; i < 30; i++)
            Assert.Equal(401, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }
}
