using Dssr.Testing;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>The life of a dummy job over HTTP, with the clock moved by hand (defaults: 5 s queued, 10 s running).</summary>
public class DummyLifecycleTests
{
    [Fact]
    public async Task A_job_is_queued_then_running_then_ended_with_no_gap_between()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        Assert.Equal(200, (await dummy.Post("/submit", DummyService.SubmitArgs())).Status);

        var item = $"[[\"{DummyService.Name}\",\"dummy_42\"]]\n";
        for (var t = 0.0; t < 16; t += 0.5)
        {
            var queued = (await dummy.Get("/queued")).Text;
            var running = (await dummy.Get("/running")).Text;
            if (t < 5) { Assert.Equal(item, queued); Assert.Equal("[]\n", running); }
            else if (t < 15) { Assert.Equal("[]\n", queued); Assert.Equal(item, running); }
            else { Assert.Equal("[]\n", queued); Assert.Equal("[]\n", running); }
            dummy.Clock.AdvanceSeconds(0.5);
        }
    }

    [Fact]
    public async Task The_exact_boundary_second_is_running_not_neither()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        await dummy.Post("/submit", DummyService.SubmitArgs());
        dummy.Clock.AdvanceSeconds(5);
        Assert.Contains("dummy_42", (await dummy.Get("/running")).Text);
    }

    [Fact]
    public async Task Terminate_really_ends_the_job_and_its_exit_status_is_minus_15()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        await dummy.Post("/submit", DummyService.SubmitArgs());
        dummy.Clock.AdvanceSeconds(7);
        Assert.Equal("true\n", (await dummy.Post("/terminate", DummyService.JobArgs())).Text);
        Assert.Equal("[]\n", (await dummy.Get("/running")).Text);
        Assert.Equal("[]\n", (await dummy.Get("/queued")).Text);
        var exit = await dummy.Post("/exitstatus", DummyService.JobArgs());
        Assert.Equal(200, exit.Status);
        Assert.StartsWith("[-15,\"0:00:07\",", exit.Text);
        Assert.Contains("termination state: CANCELLED", exit.Text);
    }

    [Fact]
    public async Task Exit_status_of_a_running_job_is_a_500_and_the_job_goes_on()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        await dummy.Post("/submit", DummyService.SubmitArgs());
        dummy.Clock.AdvanceSeconds(6);
        var exit = await dummy.Post("/exitstatus", DummyService.JobArgs());
        Assert.Equal(500, exit.Status);
        Assert.Contains("still running", exit.Text);
        Assert.Contains("dummy_42", (await dummy.Get("/running")).Text);
    }

    [Fact]
    public async Task Runstatus_of_an_unknown_job_is_four_nulls_not_a_500()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        var answer = await dummy.Post("/runstatus", DummyService.JobArgs(number: 999));
        Assert.Equal(200, answer.Status);
        Assert.Equal("[null,null,null,null]\n", answer.Text);
    }

    [Fact]
    public async Task Exit_status_collects_the_job_and_a_repeat_answers_the_same()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        await dummy.Post("/submit", DummyService.SubmitArgs());
        dummy.Clock.AdvanceSeconds(20);
        var first = await dummy.Post("/exitstatus", DummyService.JobArgs());
        var second = await dummy.Post("/exitstatus", DummyService.JobArgs());
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("[null,null,null,null]\n", (await dummy.Post("/runstatus", DummyService.JobArgs())).Text);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_failures()
    {
        static async Task<string> Outcomes(string seed)
        {
            using var state = new TempDirectory();
            await using var dummy = await DummyService.StartAsync(state.Path, env: new() { ["JARVICE_DUMMY_SEED"] = seed });
            for (var n = 1; n <= 30; n++) await dummy.Post("/submit", DummyService.SubmitArgs(n));
            dummy.Clock.AdvanceSeconds(20);
            var codes = new List<string>();
            for (var n = 1; n <= 30; n++) codes.Add((await dummy.Post("/exitstatus", DummyService.JobArgs(n))).Text[..3]);
            return string.Join(",", codes);
        }
        var a = await Outcomes("7");
        Assert.Equal(a, await Outcomes("7"));
        Assert.Contains("[0,", a);
        Assert.Contains("[1,", a); // 50 % failing by default: 30 jobs see both outcomes
        Assert.NotEqual(a, await Outcomes("8"));
    }

    [Theory]
    [InlineData("0", "[0,")]
    [InlineData("100", "[1,")]
    public async Task Failing_percent_0_never_fails_and_100_always_does(string percent, string prefix)
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path, env: new() { ["JARVICE_DUMMY_JOB_FAILING_PERCENT"] = percent });
        for (var n = 1; n <= 10; n++) await dummy.Post("/submit", DummyService.SubmitArgs(n));
        dummy.Clock.AdvanceSeconds(20);
        for (var n = 1; n <= 10; n++) Assert.StartsWith(prefix, (await dummy.Post("/exitstatus", DummyService.JobArgs(n))).Text);
    }

    [Fact]
    public async Task Queued_and_running_times_come_from_the_environment()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path, env: new()
        {
            ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "1", ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "2",
        });
        await dummy.Post("/submit", DummyService.SubmitArgs());
        dummy.Clock.AdvanceSeconds(1.5);
        Assert.Contains("dummy_42", (await dummy.Get("/running")).Text);
        dummy.Clock.AdvanceSeconds(2);
        Assert.Equal("[]\n", (await dummy.Get("/running")).Text);
    }

    [Fact]
    public async Task Fscript_is_the_job_script_not_an_sql_statement()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        var answer = await dummy.Post("/submit", DummyService.SubmitArgs());
        Assert.Equal("[\"dummy_42\",\"#!/bin/bash\\nJOBOBJ_APPDEFVERSION=2\\necho \\\"h\\u00e9llo\\\"\\n\"]\n", answer.Text);
    }

    [Fact]
    public async Task A_script_that_is_not_base64_is_a_400_naming_the_executor_key()
    {
        using var state = new TempDirectory();
        await using var dummy = await DummyService.StartAsync(state.Path);
        var answer = await dummy.Post("/submit", """{"name":"a","number":1,"nodes":1,"hpc_script":{"singularity":"%%%"},"bearer":""}""");
        Assert.Equal(400, answer.Status);
        Assert.StartsWith("{\"error\":\"hpc_script.singularity: ", answer.Text);
        var other = await dummy.Post("/submit", """{"name":"a","number":1,"nodes":1,"hpc_script":{"docker":"eA=="},"bearer":""}""");
        Assert.StartsWith("{\"error\":\"hpc_script.singularity: missing", other.Text);
    }
}
