using Dssr.Testing;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>
/// The exact bytes of every route's success answer on the dummy cluster, kept in golden/ and
/// compared byte for byte. DSSR_UPDATE_GOLDEN=1 rewrites them (then review the diff).
/// </summary>
public class GoldenAnswerTests
{
    private static readonly string GoldenDir = Path.Combine(AppContext.BaseDirectory, "golden");

    public static IEnumerable<object[]> Routes() =>
    [
        ["live", 200, "application/json"],
        ["ready", 200, "application/json"],
        ["gc", 200, "application/json"],
        ["nodes", 200, "text/html; charset=utf-8"],
        ["submit", 200, "application/json"],
        ["queued", 200, "application/json"],
        ["running", 200, "application/json"],
        ["runstatus", 200, "application/json"],
        ["events", 200, "application/json"],
        ["online", 200, "application/json"],
        ["release", 200, "application/json"],
        ["request-info", 200, "application/json"],
        ["request-info-interactive", 200, "application/json"],
        ["request-tail", 200, "text/html; charset=utf-8"],
        ["request-ping", 200, "text/html; charset=utf-8"],
        ["request-three-segments", 200, "text/html; charset=utf-8"],
        ["terminate", 200, "application/json"],
        ["exitstatus-completed", 200, "application/json"],
        ["exitstatus-failed", 200, "application/json"],
        ["exitstatus-terminated", 200, "application/json"],
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Success_answers_match_the_golden_bytes(string name, int status, string contentType)
    {
        using var state = new TempDirectory();
        var interactive = name == "request-info-interactive" ? "True" : "False";
        // Seed 1: job 42 completes, job 44 fails (checked by the exit status goldens themselves).
        await using var dummy = await DummyService.StartAsync(state.Path, env: new() { ["JARVICE_DUMMY_JOBS_ARE_INTERACTIVE"] = interactive });
        var answer = await Scenario(dummy, name);
        Assert.Equal(status, answer.Status);
        Assert.Equal(contentType, answer.ContentType);
        var file = Path.Combine(GoldenDir, name + ".golden");
        if (Environment.GetEnvironmentVariable("DSSR_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDir(), "golden", name + ".golden");
            await File.WriteAllBytesAsync(source, answer.Body);
        }
        Assert.True(File.Exists(file), $"no golden file {file}; run with DSSR_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), answer.Text);
        Assert.Equal(await File.ReadAllBytesAsync(file), answer.Body);
    }

    private static async Task<Answer> Scenario(DummyService d, string name)
    {
        var submit = await d.Post("/submit", DummyService.SubmitArgs());
        d.Clock.AdvanceSeconds(1);
        switch (name)
        {
            case "live": return await d.Get("/live");
            case "ready": return await d.Get("/ready");
            case "gc": return await d.Get("/gc");
            case "nodes": return await d.Get("/nodes");
            case "submit": return submit;
            case "queued": return await d.Get("/queued");
            case "online": return await d.Post("/online", "{}");
        }
        d.Clock.AdvanceSeconds(6);
        var job = DummyService.JobArgs();
        var path = $"/request/{DummyService.Name}/42/dummy_42";
        switch (name)
        {
            case "running": return await d.Get("/running");
            case "runstatus": return await d.Post("/runstatus", job);
            case "events": return await d.Post("/events", job);
            case "release": return await d.Post("/release", job);
            case "terminate": return await d.Post("/terminate", job);
            case "request-info" or "request-info-interactive": return await d.Post(path + "/info", """{"qs":{}}""");
            case "request-tail": return await d.Post(path + "/tail", """{"qs":{"lines":["100"]}}""");
            case "request-ping": return await d.Post(path + "/ping", """{"qs":{}}""");
            case "request-three-segments": return await d.Post(path, """{"qs":{}}""");
            case "exitstatus-terminated":
                await d.Post("/terminate", job);
                return await d.Post("/exitstatus", job);
        }
        d.Clock.AdvanceSeconds(10);
        if (name == "exitstatus-completed") return await d.Post("/exitstatus", job);
        await d.Post("/submit", DummyService.SubmitArgs(44));
        d.Clock.AdvanceSeconds(20);
        return await d.Post("/exitstatus", DummyService.JobArgs(44));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
