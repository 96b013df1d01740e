using System.Diagnostics;
using Dssr.Scripting.Formatting;
using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>Ctrl+C: an evaluation that listens to Ct stops and the session lives on; one that does not is left behind.</summary>
[Collection(LiveServiceCollection.Name)]
public class CancellationTests(LiveService live)
{
    private static readonly ReplOptions ShortGrace = new(TimeSpan.FromMilliseconds(300), 250, FormatLimits.Default);

    [Fact]
    public async Task An_evaluation_that_observes_Ct_is_cancelled_and_the_session_keeps_its_variables()
    {
        var session = live.NewSession(ShortGrace);
        await session.EvaluateAsync("var before = 5;");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var result = await session.EvaluateAsync("await Task.Delay(TimeSpan.FromMinutes(5), Ct);", cts.Token);
        Assert.Equal(ReplOutcome.Cancelled, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(0, session.Restarts);
        Assert.Equal("5", (await session.EvaluateAsync("before")).Text);
    }

    [Fact]
    public async Task An_evaluation_that_ignores_cancellation_is_abandoned_and_the_session_replaced_with_its_variables()
    {
        var session = live.NewSession(ShortGrace);
        await session.EvaluateAsync("var kept = \"still here\"; record Local(int X); var local = new Local(1);");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        // Blocks its thread for 5 s without looking at Ct (then ends by itself, so the test leaves nothing behind).
        var result = await session.EvaluateAsync("System.Threading.Thread.Sleep(5000); 1", cts.Token);
        Assert.Equal(ReplOutcome.Abandoned, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(1, session.Restarts);
        Assert.Contains("ignored cancellation", result.Notice);
        Assert.Contains("kept kept", result.Notice);
        Assert.Contains("dropped local", result.Notice);
        Assert.Equal("still here", (await session.EvaluateAsync("kept")).Text);
        Assert.Equal(ReplOutcome.Value, (await session.EvaluateAsync("1 + 1")).Outcome);
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
