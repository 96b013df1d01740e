using System.Text.Json;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Api;

/// <summary>Every POST route × every kind of bad args gives a 400 naming the field, and the next good request is served.</summary>
public class BadInputTests
{
    private const string JobArgs = """{"name":"20240101120000-ABCDE-app-me_s1","number":42,"jobid":"job_42"}""";
    private const string SubmitArgs = """{"name":"20240101120000-ABCDE-app-me_s1","number":42,"nodes":2,"hpc_script":{"singularity":"IyEvYmluL2Jhc2gK"},"bearer":"t"}""";

    public static readonly Dictionary<string, string> GoodArgs = new()
    {
        ["/submit"] = SubmitArgs,
        ["/exitstatus"] = JobArgs,
        ["/runstatus"] = JobArgs,
        ["/terminate"] = JobArgs,
        ["/release"] = JobArgs,
        ["/events"] = JobArgs,
        ["/request/n/1/j/ping"] = """{"qs":{"lines":["100"]}}""",
    };

    /// <summary>Each key, and a value of the wrong type for it.</summary>
    private static readonly Dictionary<string, object> WrongTypes = new()
    {
        ["name"] = 5, ["number"] = "42", ["nodes"] = "2", ["hpc_script"] = "abc", ["bearer"] = 1,
        ["jobid"] = 42, ["qs"] = new[] { "lines" },
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (var (route, good) in GoodArgs)
        {
            yield return [route, null!, "args"];             // no args field at all
            yield return [route, "{not json", "args"];
            yield return [route, "[1,2]", "args"];
            yield return [route, "\"text\"", "args"];
            using var doc = JsonDocument.Parse(good);
            foreach (var key in doc.RootElement.EnumerateObject().Select(p => p.Name))
            {
                var missing = doc.RootElement.EnumerateObject().Where(p => p.Name != key).ToDictionary(p => p.Name, p => p.Value);
                yield return [route, JsonSerializer.Serialize(missing), key];
                var wrong = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
                wrong[key] = WrongTypes[key];
                yield return [route, JsonSerializer.Serialize(wrong), key];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_args_are_a_400_naming_the_field_and_service_goes_on(string route, string? args, string field)
    {
        await using var api = await ApiFixture.StartAsync();
        var answer = args is null
            ? await Answer.Of(api.Service.Http.PostAsync(route, new FormUrlEncodedContent([])))
            : await Answer.Of(api.Service.PostArgs(route, args));
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        var error = JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith(field, error);

        var good = await Answer.Of(api.Service.PostArgs(route, GoodArgs[route]));
        Assert.Equal(200, good.Status);
    }

    [Theory]
    [InlineData("/submit")]
    [InlineData("/runstatus")]
    public async Task A_two_megabyte_body_is_a_400_naming_args(string route)
    {
        await using var api = await ApiFixture.StartAsync();
        var big = "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var answer = await Answer.Of(api.Service.PostArgs(route, big));
        Assert.Equal(400, answer.Status);
        Assert.StartsWith("{\"error\":\"args: ", answer.Text);
        Assert.Equal(200, (await Answer.Of(api.Service.PostArgs(route, GoodArgs[route]))).Status);
    }

    [Fact]
    public async Task A_json_body_instead_of_a_form_is_a_400_that_says_how_to_send_it()
    {
        await using var api = await ApiFixture.StartAsync();
        var answer = await Answer.Of(api.Service.Http.PostAsync("/runstatus",
            new StringContent(JobArgs, System.Text.Encoding.UTF8, "application/json")));
        Assert.Equal(400, answer.Status);
        Assert.Contains("application/x-www-form-urlencoded", answer.Text);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a b")]
    [InlineData("x;rm -rf ~")]
    [InlineData("-rf")]
    [InlineData("")]
    public async Task Unsafe_job_names_are_refused(string name)
    {
        await using var api = await ApiFixture.StartAsync();
        var args = JsonSerializer.Serialize(new { name, number = 1, jobid = "j" });
        var answer = await Answer.Of(api.Service.PostArgs("/terminate", args));
        Assert.Equal(400, answer.Status);
        Assert.StartsWith("{\"error\":\"name: ", answer.Text);
        Assert.DoesNotContain(api.Connector.Calls, c => c.StartsWith("terminate"));
    }

    [Theory]
    [InlineData("/request/a/b")]
    [InlineData("/request/a/b/c/d/e")]
    [InlineData("/request/a//c")]
    public async Task A_request_path_with_the_wrong_number_of_segments_is_a_400(string path)
    {
        await using var api = await ApiFixture.StartAsync();
        var answer = await Answer.Of(api.Service.PostArgs(path, """{"qs":{}}"""));
        Assert.Equal(400, answer.Status);
        Assert.StartsWith("{\"error\":\"path: ", answer.Text);
    }
}
