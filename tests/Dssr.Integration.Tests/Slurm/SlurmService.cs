using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>The real service with the Slurm connector on the test bed, driven over HTTP as the upstream drives it.</summary>
public sealed class SlurmService : IAsyncDisposable
{
    internal SlurmService(TestService service) => Service = service;

    public TestService Service { get; }

    /// <summary>The settings an operator would give for the test bed, plus the ones the renderer requires.</summary>
    public static Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_BAREMETAL_CONNECTOR"] = "slurm";
        env["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev";
        env["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images";
        env["JARVICE_SLURM_SSH_COMMAND_TIMEOUT"] = "20";
        env["DSSR_QUEUE_MAX_AGE_MS"] = "300";
        foreach (var (k, v) in extra ?? []) env[k] = v;
        return env;
    }

    public static async Task<SlurmService> StartAsync(string state, Dictionary<string, string>? extra = null,
        Serilog.ILogger? log = null) =>
        new(await TestService.StartAsync(new ConnectorRegistry().AddSlurm(), state, Environment(extra), log: log));

    public static string SubmitArgs(string name, long number, string script, string bearer = "x", int nodes = 1) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["number"] = number,
            ["nodes"] = nodes,
            ["hpc_script"] = new Dictionary<string, string> { ["singularity"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(script)) },
            ["bearer"] = bearer,
        });

    public static string JobArgs(string name, long number, string jobId) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["number"] = number, ["jobid"] = jobId });

    public Task<Answer> Get(string route) => Answer.Of(Service.Http.GetAsync(route));

    public Task<Answer> Post(string route, string args) => Answer.Of(Service.PostArgs(route, args));

    /// <summary>POST /request/&lt;path&gt; with <c>qs</c> as the upstream sends it (parse_qs shape: key → list of strings).</summary>
    public Task<Answer> Request(string path, Dictionary<string, string>? qs = null) =>
        Post("/request/" + path, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["qs"] = (qs ?? []).ToDictionary(kv => kv.Key, kv => new[] { kv.Value }),
        }));

    /// <summary>Submits and returns the job id; fails the test with the body when the answer is not a 200.</summary>
    public async Task<string> SubmitAsync(string name, long number, string script, string bearer = "x")
    {
        var answer = await Post("/submit", SubmitArgs(name, number, script, bearer));
        Assert.True(answer.Status == 200, $"submit answered {answer.Status}: {answer.Text}");
        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement[0].GetString()!;
    }

    /// <summary>The job ids of /running or /queued; a non-200 fails the test.</summary>
    public async Task<IReadOnlyList<(string Name, string JobId)>> ListAsync(string route)
    {
        var answer = await Get(route);
        Assert.True(answer.Status == 200, $"{route} answered {answer.Status}: {answer.Text}");
        using var doc = JsonDocument.Parse(answer.Body);
        return doc.RootElement.EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!)).ToList();
    }

    public async Task<string> PhaseOfAsync(string jobId)
    {
        if ((await ListAsync("/running")).Any(j => j.JobId == jobId)) return "running";
        if ((await ListAsync("/queued")).Any(j => j.JobId == jobId)) return "queued";
        return "ended";
    }

    /// <summary>Polls until the job is in <paramref name="phase"/>; fails after <paramref name="seconds"/>.</summary>
    public async Task WaitForPhaseAsync(string jobId, string phase, double seconds = 40)
    {
        var last = "";
        await Poll.UntilAsync(async () => (last = await PhaseOfAsync(jobId)) == phase, seconds,
            () => $"job {jobId} did not reach {phase} (last seen {last})");
    }

    /// <summary>
    /// /exitstatus asked as the upstream asks it: again while Slurm still finishes the job (a 500 saying it is still
    /// running, which can follow its leaving the lists by a moment), then parsed.
    /// </summary>
    public async Task<(int Rc, string Elapsed, string[] Logs, string Raw)> FinalExitStatusAsync(string name, long number, string jobId, double seconds = 30)
    {
        Answer? answer = null;
        await Poll.UntilAsync(async () =>
        {
            answer = await Post("/exitstatus", JobArgs(name, number, jobId));
            return answer.Status != 500 || !answer.Text.Contains("still running", StringComparison.Ordinal);
        }, seconds, () => $"job {jobId} stayed still running for /exitstatus");
        return Parse(answer!);
    }

    /// <summary>/exitstatus once the job has ended, parsed: rc, elapsed, logs.</summary>
    public async Task<(int Rc, string Elapsed, string[] Logs, string Raw)> ExitStatusAsync(string name, long number, string jobId) =>
        Parse(await Post("/exitstatus", JobArgs(name, number, jobId)));

    private static (int Rc, string Elapsed, string[] Logs, string Raw) Parse(Answer answer)
    {
        Assert.True(answer.Status == 200, $"exitstatus answered {answer.Status}: {answer.Text}");
        using var doc = JsonDocument.Parse(answer.Body);
        var root = doc.RootElement;
        var logs = root.GetArrayLength() > 2 ? root[2].EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return (root[0].GetInt32(), root[1].GetString()!, logs, answer.Text);
    }

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}

/// <summary>Polling with a deadline: the test bed schedules in its own time, so tests never sleep a fixed while.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, double seconds, Func<string> failure)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return;
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail(failure());
            await Task.Delay(250);
        }
    }
}
