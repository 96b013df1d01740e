using System.Diagnostics;
using Dssr.Scripting.Formatting;
using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>Ctrl+C: an evaluation that listens to Ct stops and the session lives on; one that does not is left behind.</summary>
[Collection(LiveServiceCollection.Name)]
public class CancellationTests(LiveService live)
{
    private static readonly ReplOptions ShortGrace = new(TimeSpan.FromMilliseconds(300), 250, FormatLimits.Default);
    // Long enough that a loaded machine still sees a cooperative cancel land inside it; the outcome
    // (Cancelled, not Abandoned) is what proves the evaluation stopped by itself.
    private static readonly ReplOptions AmpleGrace = new(TimeSpan.FromSeconds(20), 250, FormatLimits.Default);

    [Fact]
    public async Task An_evaluation_that_observes_Ct_is_cancelled_and_the_session_keeps_its_variables()
    {
        var session = live.NewSession(AmpleGrace);
        await session.EvaluateAsync("var before = 5;");
        using var started = new Dssr.Testing.TempDirectory();
        var signal = Path.Combine(started.Path, "running");
        using var cts = new CancellationTokenSource();
        var evaluation = session.EvaluateAsync($"File.WriteAllText(@\"{signal}\", \"\"); await Task.Delay(TimeSpan.FromMinutes(5), Ct);", cts.Token);
        await WaitForFile(signal);
        var clock = Stopwatch.StartNew();
        cts.Cancel();
        var result = await evaluation;
        Assert.Equal(ReplOutcome.Cancelled, result.Outcome);
        Assert.Equal("cancelled", result.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}"); // the delay would take 5 min
        Assert.Equal(0, session.Restarts);
        Assert.Equal("5", (await session.EvaluateAsync("before")).Text);
    }

    [Fact]
    public async Task An_evaluation_that_ignores_cancellation_is_abandoned_and_the_session_replaced_with_its_variables()
    {
        var session = live.NewSession(ShortGrace);
        await session.EvaluateAsync("var kept = \"still here\"; record Local(int X); var local = new Local(1);");
        using var started = new Dssr.Testing.TempDirectory();
        var signal = Path.Combine(started.Path, "running");
        using var cts = new CancellationTokenSource();
        // Blocks its thread for 5 s without looking at Ct (then ends by itself, so the test leaves nothing behind).
        // The file says it is running, so the cancel cannot land while it is still being compiled.
        var evaluation = session.EvaluateAsync($"File.WriteAllText(@\"{signal}\", \"\"); System.Threading.Thread.Sleep(5000); 1", cts.Token);
        await WaitForFile(signal);
        cts.Cancel();
        var result = await evaluation;
        Assert.Equal(ReplOutcome.Abandoned, result.Outcome);
        Assert.Equal(1, session.Restarts);
        Assert.Contains("ignored cancellation", result.Notice);
        Assert.Contains("kept kept", result.Notice);
        Assert.Contains("dropped local", result.Notice);
        Assert.Equal("still here", (await session.EvaluateAsync("kept")).Text);
        Assert.Equal(ReplOutcome.Value, (await session.EvaluateAsync("1 + 1")).Outcome);
    }

    private static async Task WaitForFile(string path)
    {
        for (var i = 0; i < 600 && !File.Exists(path); i++) await Task.Delay(50);
        Assert.True(File.Exists(path), "the evaluation never started");
    }

    [Fact]
    public async Task Ct_is_a_fresh_uncancelled_token_for_the_next_evaluation()
    {
        var session = live.NewSession(ShortGrace);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await session.EvaluateAsync("await Task.Delay(-1, Ct);", cts.Token);
        Assert.Equal("false", (await session.EvaluateAsync("Ct.IsCancellationRequested")).Text);
    }
}
