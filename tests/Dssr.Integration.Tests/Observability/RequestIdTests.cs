using Dssr.Engine.Logging;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Serilog.Events;

namespace Dssr.Integration.Tests.Observability;

/// <summary>One request id joins the upstream request, the remote commands it caused and the log lines it wrote.</summary>
public sealed class RequestIdTests
{
    [Fact]
    public async Task One_request_id_greps_out_the_whole_story_of_a_submit()
    {
        using var state = new TempDirectory();
        var lines = new StringWriter();
        using var serilog = ServiceLogging.To(TextWriter.Synchronized(lines), LogEventLevel.Debug);
        await using var dssr = await SlurmService.StartAsync(state.Path, log: serilog);
        var name = UpstreamScripts.NewName("rid");
        var id = "upstream-" + Guid.NewGuid().ToString("N");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/submit")
        {
            Content = new FormUrlEncodedContent([new("args", SlurmService.SubmitArgs(name, 1, UpstreamScripts.Batch("rid", sleepSeconds: 30)))]),
        };
        request.Headers.Add("X-Request-Id", id);
        using var response = await dssr.Service.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        var jobId = System.Text.Json.JsonDocument.Parse(body).RootElement[0].GetString()!;
        try
        {
            // The commands it caused carry the id, and only its commands do.
            var commands = dssr.Service.Host.Commands.OfRequest(id);
            Assert.Contains(commands, c => c.Program == "sbatch" && c.ExitCode == 0);
            Assert.All(dssr.Service.Host.Commands.All().Where(c => c.Program == "sbatch"), c => Assert.Equal(id, c.RequestId));

            var story = lines.ToString().Split('\n').Where(l => l.Contains($"[request {id}]", StringComparison.Ordinal)).ToList();
            Assert.Contains(story, l => l.Contains($"Submitting job {name}:1 via sbatch", StringComparison.Ordinal));
            Assert.Contains(story, l => l.Contains(" sbatch ", StringComparison.Ordinal) && l.Contains("DEBUG", StringComparison.Ordinal));
            Assert.Contains(story, l => l.Contains($"Submitted {name}:1 as job {jobId}", StringComparison.Ordinal));
            Assert.Contains(story, l => l.Contains("POST /submit 200", StringComparison.Ordinal));
            // The next request's lines are its own.
            var running = await dssr.Get("/running");
            Assert.Equal(200, running.Status);
            Assert.DoesNotContain(lines.ToString().Split('\n'), l => l.Contains("GET /running", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(name, 1, jobId));
        }
    }

    [Fact]
    public async Task A_request_without_a_usable_id_gets_a_new_one()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/running");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "two words; rm -rf /");
        using var response = await dssr.Service.Http.SendAsync(request);
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{16}$", id);
        using var second = await dssr.Service.Http.GetAsync("/running");
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("X-Request-Id")));
    }
}
