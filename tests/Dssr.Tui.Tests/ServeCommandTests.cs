using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dssr.Testing;

namespace Dssr.Tui.Tests;

/// <summary><c>dssr --serve</c> as a process: listening, logging, stopping, and refusing bad configuration.</summary>
public class ServeCommandTests
{
    private static Dictionary<string, string> Env(string state, int port) => new()
    {
        ["DSSR_STATE_DIR"] = state,
        ["WAITRESS_PORT"] = port.ToString(),
        // Queued long enough for a loaded machine to see it queued; the whole life is 6 s.
        ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "5",
        ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "1",
        ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
    };

    [Fact]
    public async Task Serve_answers_a_whole_job_life_over_http_and_stops_cleanly_on_sigterm()
    {
        using var state = new TempDirectory();
        var port = DssrProcess.FreePort();
        await using var dssr = DssrProcess.Start(Env(state.Path, port), "--serve");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.True(await DssrProcess.WaitForLive(http, TimeSpan.FromSeconds(60)), dssr.Stderr);

        var script = Convert.ToBase64String("#!/bin/bash\necho hi\n"u8.ToArray());
        var args = $$"""{"name":"20240101120000-ABCDE-app-me_s1","number":3,"nodes":1,"hpc_script":{"singularity":"{{script}}"},"bearer":""}""";
        using var submit = await http.PostAsync("/submit", new FormUrlEncodedContent([new("args", args)]));
        Assert.Equal("[\"dummy_3\",\"#!/bin/bash\\necho hi\\n\"]\n", await submit.Content.ReadAsStringAsync());
        Assert.Contains("dummy_3", await http.GetStringAsync("/queued"));

        var job = """{"name":"20240101120000-ABCDE-app-me_s1","number":3,"jobid":"dummy_3"}""";
        string exit = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!exit.StartsWith('[') && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
            using var r = await http.PostAsync("/exitstatus", new FormUrlEncodedContent([new("args", job)]));
            exit = await r.Content.ReadAsStringAsync();
        }
        Assert.Matches(@"^\[(0|1),""0:00:06"",", exit);

        dssr.Signal("TERM");
        Assert.Equal(0, await dssr.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        var lines = dssr.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[\d+\] (DEBUG|INFO|WARNING|ERROR|CRITICAL) ", l));
        Assert.Contains(lines, l => l.EndsWith($"INFO Serving on http://127.0.0.1:{port}"));
        Assert.Contains(lines, l => l.Contains("Authentication is off"));
        Assert.Contains(lines, l => l.EndsWith("INFO Stopped"));
    }

    [Fact]
    public async Task A_busy_port_is_a_one_line_error_and_exit_code_2()
    {
        using var state = new TempDirectory();
        using var busy = new TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        await using var dssr = DssrProcess.Start(Env(state.Path, port), "--serve");
        Assert.Equal(2, await dssr.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var errors = dssr.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("dssr:")).ToList();
        Assert.Single(errors);
        Assert.Contains("already in use", errors[0]);
    }

    [Theory]
    [InlineData("JARVICE_SCHED_LOGLEVEL", "loud")]
    [InlineData("JARVICE_BAREMETAL_CONNECTOR", "connectors.nope.connector")]
    [InlineData("JARVICE_DUMMY_JOB_FAILING_PERCENT", "150")]
    public async Task Bad_configuration_stops_with_a_message_naming_the_variable(string key, string value)
    {
        using var state = new TempDirectory();
        var env = Env(state.Path, DssrProcess.FreePort());
        env[key] = value;
        await using var dssr = DssrProcess.Start(env, "--serve");
        Assert.Equal(2, await dssr.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith($"dssr: {key}:", dssr.Stderr);
    }

    [Fact]
    public async Task Version_and_help_tell_the_truth()
    {
        await using var version = DssrProcess.Start(new Dictionary<string, string>(), "--version");
        Assert.Equal(0, await version.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), version.Stdout.Trim());

        await using var help = DssrProcess.Start(new Dictionary<string, string>(), "--help");
        Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        foreach (var option in new[] { "--serve", "--listen", "--state", "--log-level", "--version" })
            Assert.Contains(option, help.Stdout);
    }
}
