using Dssr.Testing;

namespace Dssr.Engine.Tests.Api;

/// <summary>The limits the README documents for what a caller sends, over real HTTP.</summary>
public class RequestLimitTests
{
    [Fact]
    public async Task Headers_above_32_KiB_are_a_431_and_the_service_answers_the_next_request()
    {
        await using var api = await ApiFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/running");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));
        Assert.Equal(431, (int)(await api.Service.Http.SendAsync(request)).StatusCode);
        Assert.Empty(api.Connector.Calls);
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }

    [Fact]
    public async Task A_request_line_above_8_KiB_is_a_414()
    {
        await using var api = await ApiFixture.StartAsync();
        var answer = await api.Service.Http.GetAsync("/running?" + new string('a', 9 * 1024));
        Assert.Equal(414, (int)answer.StatusCode);
        Assert.Equal(200, (await Answer.Of(api.Service.Http.GetAsync("/running"))).Status);
    }
}
